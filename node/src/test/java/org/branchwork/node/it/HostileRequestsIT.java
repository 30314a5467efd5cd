package org.branchwork.node.it;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests no browser or peer of ours would send: each gets a clear 4xx (or the normal page),
 * never a 500, and programs get problem+json while people get HTML.
 */
class HostileRequestsIT {

    @TempDir
    static Path dir;

    static Node node;
    static Browser admin;

    @BeforeAll
    static void start() {
        node = TestNodes.federating(dir.resolve("node"), "stockport");
        Fixtures.setUpBranch(node, Admin.ADA);
        admin = Browser.signedIn(node, Admin.ADA);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void emptyFormBodiesAreRefusedOrReportedNeverAFailure() {
        for (String path : List.of(
                "/signin",
                "/join",
                "/signout",
                "/password-reset",
                "/me/profile",
                "/me/delete",
                "/organise/members/1/tags",
                "/organise/members/1/notes",
                "/events",
                "/announcements",
                "/campaigns")) {
            for (Browser who : List.of(new Browser(node), admin)) {
                HttpResponse<String> empty = who.send(HttpRequest.newBuilder(who.uri(path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
                assertThat(empty.statusCode()).as("empty form to " + path).isLessThan(500);
                HttpResponse<String> untyped = who.send(HttpRequest.newBuilder(who.uri(path))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build());
                assertThat(untyped.statusCode())
                        .as("empty untyped body to " + path)
                        .isLessThan(500);
            }
        }
        assertThat(admin.get("/me").statusCode())
                .as("still signed in: nothing was half-done")
                .isEqualTo(200);
    }

    @Test
    void theLargestPageNumberIsAnEmptyPageNotAFailure() {
        for (String path : List.of(
                "/api/v1/events",
                "/api/v1/announcements",
                "/api/v1/members",
                "/organise/members",
                "/admin?audit=",
                "/",
                "/api/v1/campaigns")) {
            String paged = path + (path.contains("?") ? "" : "?page=") + "2147483647";
            HttpResponse<String> res = admin.get(paged);
            assertThat(res.statusCode()).as(paged).isEqualTo(200);
            assertThat(admin.get(paged.replace("2147483647", "-5")).statusCode())
                    .as(paged)
                    .isEqualTo(200);
            assertThat(admin.get(paged.replace("2147483647", "99999999999999999999"))
                            .statusCode())
                    .as(paged)
                    .isEqualTo(200);
        }
    }

    @Test
    void apiAndInboxErrorsAreProblemJsonAndPagesAreHtml() {
        for (HttpResponse<String> res : List.of(
                api("GET", "/api/v1/no-such-thing", null),
                api("POST", "/api/v1/events", "{not json"),
                api("POST", "/api/v1/announcements", "[]"),
                TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/inbox"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))
                        .build()),
                TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/events"))
                        .GET()
                        .build()))) {
            assertThat(res.statusCode()).as(res.uri() + " " + res.body()).isBetween(400, 499);
            assertThat(res.headers().firstValue("Content-Type"))
                    .as(res.uri().toString())
                    .contains("application/problem+json");
            assertThat(res.body()).contains("\"code\":");
        }
        HttpResponse<String> page = TestNodes.get(node, "/no-such-page");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    }

    @Test
    void aCampaignWithoutResourcesOrGoalsIsCreated() {
        HttpResponse<String> res = api(
                "POST",
                "/api/v1/campaigns",
                "{\"title\": \"Warm homes\", \"content\": \"Insulate.\","
                        + "\"startDate\": \"2030-01-01\", \"endDate\": \"2030-03-01\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        assertThat(res.body()).contains("\"resources\":[]");
    }

    @Test
    void aMalformedChunkSizeIsRefusedAndTheConnectionClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /inbox HTTP/1.1\r\nHost: localhost:" + node.port()
                            + "\r\nContent-Type: application/activity+json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = InboxPosts.readUntilQuiet(socket);
            assertThat(answer).startsWith("HTTP/1.1 400").containsIgnoringCase("connection: close");
        }
    }

    private static HttpResponse<String> api(String method, String path, String json) {
        return TestNodes.api(node).call(method, path, json);
    }
}
