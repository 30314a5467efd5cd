package org.branchwork.node.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.NotAllowed;
import org.branchwork.node.service.RequestRefused;
import org.branchwork.node.storage.Database;
import org.branchwork.node.storage.WriteProbe;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service's refusal, thrown from any depth, is answered once: its status and words as a problem
 * for the API, as a page for people; a person who must sign in is sent there and brought back.
 */
class ErrorHandlersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Database db;
    private static WebServer server;

    @BeforeAll
    static void start() {
        db = Database.open("jdbc:hsqldb:mem:" + UUID.randomUUID(), Path.of("mem"));
        ErrorHandlers errors = new ErrorHandlers(new Templates(), new WriteProbe(db.dataSource(), Clock.systemUTC()));
        server = WebServer.builder()
                .port(0)
                .routing(r -> {
                    for (String prefix : List.of("/api/v1", "/page")) {
                        r.get(prefix + "/admin", throwing(new NotAllowed("Node settings need the admin role.")))
                                .get(
                                        prefix + "/mine",
                                        throwing(new RequestRefused.NotSignedIn("Sign in to see your record.")))
                                .get(prefix + "/gone", throwing(new RequestRefused.NotFound("There is no such event.")))
                                .get(
                                        prefix + "/form",
                                        throwing(new RequestRefused.Invalid(List.of(
                                                new FieldError("startTime", "Start: give a date and time."),
                                                new FieldError("name", "Title: give the event a title.")))));
                    }
                    errors.register(r);
                })
                .build()
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        db.close();
    }

    @Test
    void theApiGetsEachRefusalAsAProblemWithItsStatusAndCode() throws Exception {
        assertProblem(get("/api/v1/admin"), 403, "not_allowed", "Node settings need the admin role.");
        assertProblem(get("/api/v1/mine"), 401, "not_signed_in", "Sign in to see your record.");
        assertProblem(get("/api/v1/gone"), 404, "not_found", "There is no such event.");
        assertProblem(
                get("/api/v1/form"), 422, "invalid", "Start: give a date and time. Title: give the event a title.");
    }

    @Test
    void peopleGetAPageAndAreSentToSignInAndBack() throws Exception {
        HttpResponse<String> forbidden = get("/page/admin");
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(Jsoup.parse(forbidden.body()).select("main").text()).contains("Node settings need the admin role.");
        assertThat(get("/page/gone").statusCode()).isEqualTo(404);

        HttpResponse<String> signIn = get("/page/mine");
        assertThat(signIn.statusCode()).isEqualTo(303);
        assertThat(signIn.headers().firstValue("Location")).contains("/signin?next=%2Fpage%2Fmine");
    }

    private static void assertProblem(HttpResponse<String> res, int status, String code, String detail)
            throws Exception {
        assertThat(res.statusCode()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/problem+json");
        JsonNode problem = JSON.readTree(res.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
    }

    private static Handler throwing(RuntimeException e) {
        return (req, res) -> {
            throw e;
        };
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLogNeverKeepsTheCredentialOfALinkInAMail() {
        org.assertj.core.api.Assertions.assertThat(
                        ErrorHandlers.redacted("/vote/42.7d3c1f9e-2a4b-4c6d-9e8f-0a1b2c3d4e5f.abc"))
                .isEqualTo("/vote/…");
        org.assertj.core.api.Assertions.assertThat(ErrorHandlers.redacted("/unsubscribe/5.branch.xyz"))
                .isEqualTo("/unsubscribe/…");
        org.assertj.core.api.Assertions.assertThat(ErrorHandlers.redacted("/rsvp/abc.def"))
                .isEqualTo("/rsvp/…");
        org.assertj.core.api.Assertions.assertThat(ErrorHandlers.redacted("/events/abc"))
                .isEqualTo("/events/abc");
    }
}
