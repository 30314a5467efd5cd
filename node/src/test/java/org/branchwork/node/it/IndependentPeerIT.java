package org.branchwork.node.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Await;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An ActivityPub peer that is not ours ({@code deploy/interop/fedi-peer.mjs}: Node.js and the npm
 * package http-message-signatures) looks the branch up by handle, follows it, gets an Accept, and
 * receives an announcement and an event, verifying the signature of each; its {@code Join} of the
 * event gets an {@code Accept}, verified too. Skipped when Node.js or the package
 * is missing ({@code .ci/run} installs both).
 */
class IndependentPeerIT {

    private static final Path SCRIPT = Path.of("../deploy/interop/fedi-peer.mjs");
    private static final String TOKEN = TestNodes.ADMIN_TOKEN;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Node node;
    private Process peer;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        ExternalTools.require(
                Files.exists(SCRIPT.getParent().resolve("node_modules/http-message-signatures")),
                "deploy/interop/node_modules (npm install --prefix deploy/interop --no-package-lock)");
        node = TestNodes.federating(dir, "stockport");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (peer != null) {
            peer.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anIndependentPeerFollowsTheBranchAndVerifiesWhatItSends() throws Exception {
        try {
            peer = new ProcessBuilder("node", SCRIPT.toString(), "stockport@localhost:" + node.port(), "http")
                    .redirectError(dir.resolve("peer-err.txt").toFile())
                    .start();
        } catch (IOException noNode) {
            ExternalTools.require(false, "Node.js (node) on the PATH");
        }
        Thread.ofVirtual().start(this::readEvents);

        JsonNode resolved = next(e -> e.path("event").asText().equals("resolved"));
        assertThat(resolved.get("actor").asText()).isEqualTo("http://localhost:" + node.port() + "/groups/stockport");
        assertThat(resolved.get("type").asText()).isEqualTo("Group");
        JsonNode sent = next(e -> e.path("event").asText().equals("follow-sent"));
        assertThat(sent.get("status").asInt()).isEqualTo(202);

        JsonNode accept = next(e -> "Accept".equals(e.path("type").asText()));
        assertThat(accept.get("verified").asBoolean()).as(accept.toString()).isTrue();
        assertThat(accept.get("object").asText()).isEqualTo(sent.get("id").asText());
        Await.until("the branch counts its new follower", () -> node.inspect().followerCount() == 1);

        HttpResponse<String> posted =
                TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/announcements"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"Hello, fediverse\"}"))
                        .build());
        assertThat(posted.statusCode()).isEqualTo(201);

        JsonNode create = next(e -> "Create".equals(e.path("type").asText()));
        assertThat(create.get("verified").asBoolean()).as(create.toString()).isTrue();
        assertThat(create.get("id").asText())
                .isEqualTo(JSON.readTree(posted.body()).get("activity").asText());

        // An event: the peer verifies its Create, answers with a Join, and gets an Accept it verifies.
        HttpResponse<String> event = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/events"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"name": "Branch meeting", "content": "All welcome.", "startTime": "2027-02-01T19:00",
                         "endTime": "2027-02-01T21:00", "timezone": "Europe/London",
                         "location": {"name": "Community Centre", "address": "1 High Street, Stockport"}}"""))
                .build());
        assertThat(event.statusCode()).as(event.body()).isEqualTo(201);
        String eventId = JSON.readTree(event.body()).get("id").asText();
        JsonNode createEvent = next(e -> "Create".equals(e.path("type").asText())
                && "Event".equals(e.path("objectType").asText()));
        assertThat(createEvent.get("verified").asBoolean())
                .as(createEvent.toString())
                .isTrue();
        assertThat(createEvent.get("object").asText()).isEqualTo(eventId);
        JsonNode join = next(e -> e.path("event").asText().equals("join-sent"));
        assertThat(join.get("status").asInt()).isEqualTo(202);
        JsonNode accepted = next(e -> "Accept".equals(e.path("type").asText())
                && join.get("id").asText().equals(e.path("object").asText()));
        assertThat(accepted.get("verified").asBoolean()).as(accepted.toString()).isTrue();
    }

    private void readEvents() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                events.add(JSON.readTree(line));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    private JsonNode next(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            JsonNode e = events.poll(200, TimeUnit.MILLISECONDS);
            if (e == null) {
                continue;
            }
            assertThat(e.path("event").asText()).as("peer reported " + e).isNotEqualTo("error");
            if (wanted.test(e)) {
                return e;
            }
        }
        throw new AssertionError(
                "the peer did not report the expected event; stderr: " + Files.readString(dir.resolve("peer-err.txt")));
    }
}
