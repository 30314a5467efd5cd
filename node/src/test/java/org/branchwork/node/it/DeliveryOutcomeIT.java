package org.branchwork.node.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/** How the delivery queue treats peers that refuse for good and peers that fail for a while. */
class DeliveryOutcomeIT {

    @TempDir
    Path dir;

    private FakePeer peer;
    private Node node;

    @BeforeEach
    void start() throws IOException {
        peer = new FakePeer();
        node = TestNodes.start(
                dir,
                Map.of(
                        "BRANCHWORK_BRANCH_SLUG",
                        "national",
                        "BRANCHWORK_ALLOW_PRIVATE_ADDRESSES",
                        "true",
                        "BRANCHWORK_DELIVERY_FIRST_RETRY",
                        "0.1",
                        "BRANCHWORK_ADMIN_TOKEN",
                        TestNodes.ADMIN_TOKEN));
    }

    @AfterEach
    void stop() {
        node.close();
        peer.close();
    }

    @Test
    void aGoneInboxBecomesADeadLetterAtOnceNotARetryLoop() throws Exception {
        SigningKey alice = peer.actor("alice");
        peer.inboxAnswers("alice", 410);

        follow(alice, "f1");

        until(
                "the Accept is a dead letter",
                () -> node.inspect().deliveryCounts().dead() == 1);
        int posts = peer.received("alice").size();
        assertThat(node.inspect().deliveryCounts().pending()).isZero();
        assertThat(posts)
                .as("tried with RFC 9421 only: 410 is not a signature refusal")
                .isEqualTo(1);
    }

    @Test
    void aFollowerWhoseInboxIsGoneStopsBeingAFollower() throws Exception {
        SigningKey erin = peer.actor("erin");
        follow(erin, "f5");
        until(
                "erin follows and has her Accept",
                () -> node.inspect().followerCount() == 1
                        && node.inspect().deliveryCounts().delivered() == 1);
        peer.inboxAnswers("erin", 410);

        assertThat(announce("First").statusCode()).isEqualTo(201);
        until("the 410 is a dead letter", () -> node.inspect().deliveryCounts().dead() == 1);
        assertThat(node.inspect().followerCount())
                .as("a gone inbox ends the follow")
                .isZero();

        assertThat(announce("Second").statusCode()).isEqualTo(201);
        assertThat(node.inspect().deliveryCounts().pending())
                .as("nothing more is addressed to her")
                .isZero();
        TestNodes.awaitQuiescent(node);
        assertThat(node.inspect().deliveryCounts().dead()).isEqualTo(1);
        assertThat(peer.received("erin").stream().filter(b -> b.contains("Second")))
                .isEmpty();
    }

    @Test
    void anAdminSeesADeadLetterAndRequeuesItOnceThePeerIsFixed() throws Exception {
        SigningKey dave = peer.actor("dave");
        peer.inboxAnswers("dave", 404);
        follow(dave, "f4");
        until(
                "the Accept is a dead letter",
                () -> node.inspect().deliveryCounts().dead() == 1);

        JsonNode queue = ApiClient.json(TestNodes.api(node).get("/api/v1/admin/deliveries"));
        assertThat(queue.path("counts").path("dead").asLong()).isEqualTo(1);
        JsonNode letter = queue.path("deadLetters").get(0);
        assertThat(letter.path("error").asText()).isEqualTo("HTTP 404");
        assertThat(letter.path("inbox").asText()).endsWith("/users/dave/inbox");

        HttpResponse<String> missing = TestNodes.api(node).post("/api/v1/admin/deliveries/requeue", "{\"id\": 999999}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/admin/deliveries/requeue"))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"all\": true}"))
                                .build())
                        .statusCode())
                .as("no token, no requeue")
                .isEqualTo(401);

        peer.inboxAnswers("dave", 202);
        HttpResponse<String> requeued = TestNodes.api(node)
                .post(
                        "/api/v1/admin/deliveries/requeue",
                        "{\"id\": " + letter.path("id").asLong() + "}");
        assertThat(ApiClient.json(requeued)).isEqualTo(ApiClient.json("{\"requeued\":1}"));
        until(
                "delivered after the requeue",
                () -> node.inspect().deliveryCounts().delivered() == 1);
        assertThat(node.inspect().deliveryCounts().dead()).isZero();
    }

    @Test
    void aFailingInboxIsRetriedUntilItAnswers() throws Exception {
        SigningKey bob = peer.actor("bob");
        peer.inboxAnswers("bob", 503);

        follow(bob, "f2");

        until("a few failed attempts", () -> peer.received("bob").size() >= 3);
        assertThat(node.inspect().deliveryCounts().failing()).isEqualTo(1);
        peer.inboxAnswers("bob", 202);
        until(
                "delivered once the inbox answers",
                () -> node.inspect().deliveryCounts().delivered() == 1);
        assertThat(node.inspect().deliveryCounts().dead()).isZero();
    }

    @Test
    void aPeerThatRefusesRfc9421GetsDraftCavageAtOnce() throws Exception {
        SigningKey carol = peer.actor("carol");
        peer.inboxAnswers("carol", 401);

        follow(carol, "f3");

        until("two knocks per attempt", () -> peer.received("carol").size() >= 2);
        assertThat(node.inspect().deliveryCounts().delivered()).isZero();
    }

    private HttpResponse<String> announce(String text) {
        return TestNodes.api(node).post("/api/v1/announcements", ApiClient.object("content", text));
    }

    private void follow(SigningKey actor, String id) {
        HttpResponse<String> res = FakePeer.follow(
                actor,
                URI.create("http://localhost:" + node.port() + "/inbox"),
                URI.create("http://localhost:" + node.port() + "/groups/national"),
                peer.origin() + "/activities/" + id);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    }
}
