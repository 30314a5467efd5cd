package org.branchwork.node.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The members web app in a real browser: Playwright (npm {@code playwright-core}) drives Debian's
 * Chromium headless against a real node that mails through a real SMTP server. The browser side is
 * {@code src/test/browser/*.test.mjs}, run one file at a time in name order (they share the node;
 * {@code lib.mjs} holds what they share, axe-core included): members join, organisers import,
 * publish and manage events, and {@code zz-accessibility} runs axe on every page at desktop and
 * phone widths last, when the others have left things to show. This class starts what it needs,
 * runs them with {@code node --test}, and then checks the node's state through the API, so a
 * script that passed without doing its work would still fail here.
 * Screenshots go to {@code target/browser-screenshots}.
 *
 * <p>Outside CI the test is skipped when Chromium or the npm package is missing; in CI
 * ({@code CI=true}) that is a failure ({@link ExternalTools}).
 */
class BrowserIT {

    private static final String ADMIN_EMAIL = "admin@stockport.test";
    private static final String NATIONAL_EMAIL = "admin@national.test";
    private static final String ADMIN_PASSWORD = "correct horse battery";
    private static final Path TESTS = Path.of("src/test/browser");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void joinConfirmSignInPromoteAndImportInChromium() throws Exception {
        Path chromium = Path.of(System.getenv().getOrDefault("BRANCHWORK_CHROMIUM", "/usr/bin/chromium"));
        ExternalTools.require(Files.isExecutable(chromium), "Chromium at " + chromium + " (Debian package chromium)");
        ExternalTools.require(
                Files.isDirectory(TESTS.resolve("node_modules/playwright-core"))
                        && Files.isDirectory(TESTS.resolve("node_modules/axe-core")),
                "playwright-core and axe-core in " + TESTS + "/node_modules (npm install --prefix " + TESTS + ")");
        ExternalTools.require(onPath("node"), "Node.js");

        try (TestMail mail = new TestMail()) {
            Map<String, String> env = new LinkedHashMap<>(TestNodes.federatingEnvironment("stockport"));
            env.putAll(mail.nodeEnvironment());
            Map<String, String> nationalEnv = new LinkedHashMap<>(TestNodes.federatingEnvironment("national"));
            nationalEnv.putAll(mail.nodeEnvironment());
            try (Node node = TestNodes.start(dir.resolve("node"), env);
                    Node national = TestNodes.start(dir.resolve("national"), nationalEnv)) {
                Fixtures.setUpBranch(node, new Admin("Ada Admin", ADMIN_EMAIL, ADMIN_PASSWORD));
                Fixtures.setUpBranch(national, new Admin("Nia National", NATIONAL_EMAIL, ADMIN_PASSWORD));
                HttpServer mailbox = mailbox(mail);
                try {
                    runBrowserTests(node, national, mailbox, chromium);
                } finally {
                    mailbox.stop(0);
                }

                assertThat(member(node, "jo@example.org").path("role").asText()).isEqualTo("organiser");
                assertThat(member(node, "sam@example.org").path("role").asText())
                        .isEqualTo("organiser");
                assertThat(member(node, "priya@example.org").path("postcode").asText())
                        .isEqualTo("SK4 1AA");
                if (chosen("outreach")) {
                    JsonNode mailing = mailing(node, "Branch meeting on Thursday");
                    assertThat(mailing.path("state").asText()).isEqualTo("sent");
                    assertThat(mailing.path("sent").asInt()).isPositive();
                    assertThat(mailing.path("unsubscribed").asInt())
                            .as("Jo left through the mailing's link")
                            .isEqualTo(1);
                }
                if (chosen("votes")) {
                    JsonNode consultation = consultation(node, "Which campaign should the branch lead next winter?");
                    assertThat(consultation.path("state").asText()).isEqualTo("closed");
                    assertThat(consultation.path("ballots").asInt())
                            .as("Priya's by her link, Jo's signed in")
                            .isEqualTo(2);
                    assertThat(consultation.path("totals").path("Libraries").asInt())
                            .as("Jo's changed vote")
                            .isEqualTo(1);
                    assertThat(consultation.path("totals").path("Warm homes").asInt())
                            .isEqualTo(1);
                    assertThat(consultation.path("totals").path("Bus fares").asInt())
                            .isZero();
                }
                assertThat(members(node, "not-an-email").path("total").asInt())
                        .as("the import's bad row added nobody")
                        .isZero();
            }
        }
        assertThat(Path.of("target/browser-screenshots/08-organiser-promoted-sam.png"))
                .isNotEmptyFile();
    }

    private static void runBrowserTests(Node node, Node national, HttpServer mailbox, Path chromium) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec"));
        try (Stream<Path> files = Files.list(TESTS)) {
            // One file at a time, in name order: they share the node.
            files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".test.mjs"))
                    .filter(BrowserIT::chosen)
                    .sorted()
                    .forEach(command::add);
        }
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(TESTS.toFile()).redirectErrorStream(true);
        // The browser visits the node at its public URL (http://localhost:<port> here), as people
        // do: forms posted from any other origin are refused.
        pb.environment().put("BASE_URL", node.origin().uri().toString());
        pb.environment()
                .put("MAILBOX_URL", "http://127.0.0.1:" + mailbox.getAddress().getPort() + "/link");
        pb.environment()
                .put("MAIL_URL", "http://127.0.0.1:" + mailbox.getAddress().getPort() + "/mail");
        pb.environment().put("ADMIN_EMAIL", ADMIN_EMAIL);
        // National, a second node on loopback: the branch follows it, adopts its campaign and shows its news.
        pb.environment().put("NATIONAL_URL", national.origin().uri().toString());
        pb.environment().put("NATIONAL_HANDLE", "@national@" + national.origin().authority());
        pb.environment().put("NATIONAL_EMAIL", NATIONAL_EMAIL);
        pb.environment().put("ADMIN_PASSWORD", ADMIN_PASSWORD);
        pb.environment().put("CHROMIUM", chromium.toString());
        pb.environment()
                .put(
                        "SCREENSHOTS",
                        Path.of("target/browser-screenshots").toAbsolutePath().toString());
        Process p = pb.start();
        byte[] output;
        try (var in = p.getInputStream()) {
            output = in.readAllBytes();
        }
        boolean finished = p.waitFor(10, TimeUnit.MINUTES);
        String log = new String(output, StandardCharsets.UTF_8);
        System.out.println(log);
        if (!finished) {
            p.destroyForcibly();
            Assertions.fail("the browser tests did not finish within 10 minutes:\n" + log);
        }
        assertThat(p.exitValue())
                .as("node --test " + command.subList(4, command.size()) + ":\n" + log)
                .isZero();
    }

    /**
     * Whether to run this file: all of them unless {@code -Dbrowser.only=members,outreach} names
     * some (while working on one flow; the files build on each other, so name those it needs).
     */
    private static boolean chosen(String file) {
        String only = System.getProperty("browser.only", "");
        return only.isBlank() || java.util.Arrays.stream(only.split(",")).anyMatch(p -> file.startsWith(p.strip()));
    }

    /** {@code GET /link?to=address} answers the link mailed to that address, 404 until one came. */
    private static HttpServer mailbox(TestMail mail) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/link", exchange -> {
            String query =
                    Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse("");
            String to = query.startsWith("to=") ? URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8) : "";
            Optional<String> link = mail.link(to);
            answer(exchange, link.isPresent() ? 200 : 404, link.orElse("no link for " + to));
        });
        server.createContext("/mail", exchange -> {
            Map<String, String> q = query(exchange.getRequestURI().getRawQuery());
            Optional<String> text = mail.text(q.getOrDefault("to", ""), q.getOrDefault("subject", ""));
            answer(exchange, text.isPresent() ? 200 : 404, text.orElse("no such mail to " + q.get("to")));
        });
        server.start();
        return server;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : Optional.ofNullable(raw).orElse("").split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(
                        URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static JsonNode member(Node node, String email) throws IOException {
        JsonNode list = members(node, email);
        assertThat(list.path("items").size()).as(email + " in " + list).isEqualTo(1);
        return list.path("items").get(0);
    }

    private static JsonNode mailing(Node node, String subject) throws IOException {
        JsonNode list = get(node, "/api/v1/mailings");
        for (JsonNode m : list.path("items")) {
            if (m.path("subject").asText().equals(subject)) {
                return get(node, "/api/v1/mailings/" + m.path("id").asText());
            }
        }
        throw new AssertionError("no mailing \"" + subject + "\" in " + list);
    }

    private static JsonNode consultation(Node node, String title) throws IOException {
        JsonNode list = get(node, "/api/v1/consultations");
        for (JsonNode k : list.path("items")) {
            if (k.path("title").asText().equals(title)) {
                return get(node, "/api/v1/consultations/" + k.path("uuid").asText());
            }
        }
        throw new AssertionError("no consultation \"" + title + "\" in " + list);
    }

    private static JsonNode get(Node node, String path) throws IOException {
        HttpResponse<String> res = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, path))
                .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                .GET()
                .build());
        assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private static JsonNode members(Node node, String q) throws IOException {
        HttpResponse<String> res = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/members?q=" + q))
                .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN)
                .GET()
                .build());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
        return JSON.readTree(res.body());
    }

    private static boolean onPath(String command) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }
}
