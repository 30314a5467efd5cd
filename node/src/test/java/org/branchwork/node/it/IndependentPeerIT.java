package org.branchwork.node.it;

import static org.assertj.core.api.Assertions.assertThat;

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

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ActivityPub peer that is not ours ({@code deploy/interop/fedi-peer.mjs}: Node.js and the npm
 * package http-message-signatures) looks the branch up by handle, follows it, gets an Accept, and
 * receives an announcement, verifying the signature of each. Skipped when Node.js or the package
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
        ExternalTools.require(Files.exists(SCRIPT.getParent().resolve("node_modules/http-message-signatures")),
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
                    .redirectError(dir.resolve("peer-err.txt").toFile()).start();
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
        FollowIT.await("the branch counts its new follower", () -> node.followerCount() == 1);

        HttpResponse<String> posted = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/announcements"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"Hello, fediverse\"}")).build());
        assertThat(posted.statusCode()).isEqualTo(201);

        JsonNode create = next(e -> "Create".equals(e.path("type").asText()));
        assertThat(create.get("verified").asBoolean()).as(create.toString()).isTrue();
        assertThat(create.get("id").asText()).isEqualTo(JSON.readTree(posted.body()).get("activity").asText());
    }

    private void readEvents() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(peer.getInputStream(), StandardCharsets.UTF_8))) {
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
        throw new AssertionError("the peer did not report the expected event; stderr: "
                + Files.readString(dir.resolve("peer-err.txt")));
    }
}
