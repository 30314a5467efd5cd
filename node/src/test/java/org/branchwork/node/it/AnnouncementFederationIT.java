package org.branchwork.node.it;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Network;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.proof.ProofCheck;
import org.branchwork.protocol.sig.Multikey;
import org.branchwork.protocol.vocab.Actor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/** A national node and two branches: announcements reach followers, also one that was down for a while. */
class AnnouncementFederationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Map<String, Node> nodes = new HashMap<>();
    private final Map<String, Integer> ports = new HashMap<>();

    @AfterEach
    void stop() {
        nodes.values().forEach(Node::close);
    }

    @Test
    void anAnnouncementReachesEveryFollowingBranchWithAVerifiableProof() throws Exception {
        Node national = start("national");
        Node stockport = start("stockport");
        Node manchester = start("manchester");
        follow(stockport, national);
        follow(manchester, national);
        follow(stockport, manchester);
        until("national has two followers", () -> national.inspect().followerCount() == 2);

        HttpResponse<String> posted = api(
                national,
                "POST",
                "/api/v1/announcements",
                "{\"content\": \"Day of action on Saturday.\\n\\nBring a friend.\"}");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String activityId = JSON.readTree(posted.body()).get("activity").asText();

        until("stockport received the Create", () -> stockport.inspect().hasReceived(activityId));
        until("manchester received the Create", () -> manchester.inspect().hasReceived(activityId));
        assertThat(national.inspect().deliveryCounts().dead()).isZero();

        // The note is served at its id, and the proof on the delivered Create verifies with the
        // Ed25519 key national publishes: a relayed copy could be checked without asking national.
        JsonNode created = JSON.readTree(fetch(national, "/groups/national").body());
        Actor group = (Actor) ((Decoded.Read) new ActivityCodec().read(created)).object();
        assertThat(api(national, "GET", "/api/v1/follows", null).body())
                .as("national follows nobody")
                .isEqualTo("[]");
        JsonNode note = JSON.readTree(fetch(
                        national,
                        new java.net.URI(JSON.readTree(posted.body()).get("id").asText()).getRawPath())
                .body());
        assertThat(note.get("type").asText()).isEqualTo("Note");
        // Markdown, rendered: two paragraphs.
        assertThat(note.get("content").asText().replace("\n", ""))
                .isEqualTo("<p>Day of action on Saturday.</p><p>Bring a friend.</p>");
        String body = stockportCopy(stockport, activityId);
        ProofCheck proof = DataIntegrityProofs.verify(
                JSON.readTree(body),
                Multikey.decodePublic(group.assertionMethods().get(0).publicKeyMultibase()));
        assertThat(proof).isInstanceOf(ProofCheck.Valid.class);
    }

    @Test
    void anEditReachesFollowersAsAnUpdateAndADeleteLeavesATombstone() throws Exception {
        Node national = start("national");
        Node stockport = start("stockport");
        follow(stockport, national);
        HttpResponse<String> posted = api(
                national, "POST", "/api/v1/announcements", "{\"title\": \"Rally\", \"content\": \"Meet at *noon*.\"}");
        JsonNode created = JSON.readTree(posted.body());
        java.net.URI id = java.net.URI.create(created.get("id").asText());
        String uuid = created.get("uuid").asText();
        until(
                "stockport holds the article",
                () -> stockport.inspect().remoteObject(id).isPresent());
        assertThat(stockport.inspect().remoteObject(id).orElseThrow().type()).isEqualTo("Article");

        HttpResponse<String> edited = api(
                national,
                "PATCH",
                "/api/v1/announcements/" + uuid,
                "{\"title\": \"Rally\", \"content\": \"Meet at *one pm*.\"}");
        assertThat(edited.statusCode()).as(edited.body()).isEqualTo(200);
        until(
                "the edit reached stockport",
                () -> stockport.inspect().remoteObject(id).orElseThrow().body().contains("one pm"));

        HttpResponse<String> page = TestNodes.get(national, id.getRawPath());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Rally</h1>").contains("<em>one pm</em>");

        assertThat(api(national, "DELETE", "/api/v1/announcements/" + uuid, null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(TestNodes.get(national, id.getRawPath()).statusCode())
                .as("the page is gone too")
                .isEqualTo(410);
        until(
                "the delete reached stockport",
                () -> stockport.inspect().remoteObject(id).orElseThrow().deleted());
        HttpResponse<String> tombstone = fetch(national, id.getRawPath());
        assertThat(tombstone.statusCode()).isEqualTo(410);
        assertThat(JSON.readTree(tombstone.body()).get("type").asText()).isEqualTo("Tombstone");
        assertThat(JSON.readTree(tombstone.body()).get("formerType").asText()).isEqualTo("Article");
        assertThat(api(national, "DELETE", "/api/v1/announcements/" + uuid, null)
                        .statusCode())
                .as("gone already")
                .isEqualTo(404);
    }

    @Test
    void afterAnUnfollowNewAnnouncementsNoLongerArrive() throws Exception {
        Node national = start("national");
        Node stockport = start("stockport");
        follow(stockport, national);
        until("national has its follower", () -> national.inspect().followerCount() == 1);

        HttpResponse<String> unfollow = api(
                stockport,
                "DELETE",
                "/api/v1/follows?target=http://localhost:" + national.port() + "/groups/national",
                null);
        assertThat(unfollow.statusCode()).isEqualTo(204);
        until("national drops the follower", () -> national.inspect().followerCount() == 0);

        long before = stockport.inspect().inboxCount();
        var queuedBefore = national.inspect().deliveryCounts();
        HttpResponse<String> posted =
                api(national, "POST", "/api/v1/announcements", "{\"content\": \"Only for followers\"}");
        assertThat(posted.statusCode()).isEqualTo(201);
        String activityId = JSON.readTree(posted.body()).get("activity").asText();
        // Nothing is queued for stockport: the fan-out is computed from the followers at publishing time.
        assertThat(national.inspect().deliveryCounts()).isEqualTo(queuedBefore);
        TestNodes.awaitQuiescent(national);
        TestNodes.awaitQuiescent(stockport);
        assertThat(stockport.inspect().hasReceived(activityId)).isFalse();
        assertThat(stockport.inspect().inboxCount()).isEqualTo(before);
    }

    @Test
    void aBranchThatWasDownReceivesTheAnnouncementOnceItIsBack() throws Exception {
        Node national = start("national");
        Node manchester = start("manchester");
        follow(manchester, national);
        until("national has its follower", () -> national.inspect().followerCount() == 1);

        manchester.close();
        nodes.remove("manchester");
        HttpResponse<String> posted =
                api(national, "POST", "/api/v1/announcements", "{\"content\": \"Meeting moved to 7pm.\"}");
        String activityId = JSON.readTree(posted.body()).get("activity").asText();
        until(
                "national has tried and failed at least once",
                () -> national.inspect().deliveryCounts().failing() == 1);

        Node back = start("manchester"); // same port and data folder
        until(
                "manchester received the announcement after coming back",
                () -> back.inspect().hasReceived(activityId));
        until(
                "national's queue is empty",
                () -> national.inspect().deliveryCounts().pending() == 0);
        assertThat(national.inspect().deliveryCounts().dead()).isZero();
    }

    private Node start(String slug) {
        int port = ports.computeIfAbsent(slug, s -> Network.freePort());
        Map<String, String> env = new HashMap<>(TestNodes.federatingEnvironment(slug));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.2");
        Node node = TestNodes.start(TestNodes.config(dir.resolve(slug), env).withPort(port));
        nodes.put(slug, node);
        return node;
    }

    private static void follow(Node follower, Node target) {
        String slug = target.config().configuredBranchSlug().orElseThrow();
        HttpResponse<String> res = api(
                follower, "POST", "/api/v1/follows", "{\"target\": \"@" + slug + "@localhost:" + target.port() + "\"}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        until(
                follower.config().configuredBranchSlug().orElseThrow() + " follows " + slug,
                () -> api(follower, "GET", "/api/v1/follows", null).body().contains("\"state\":\"accepted\""));
    }

    private static String stockportCopy(Node node, String activityId) {
        return node.inspect().receivedBody(activityId).orElseThrow();
    }

    private static HttpResponse<String> fetch(Node node, String path) {
        return TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, path))
                .header("Accept", "application/activity+json")
                .build());
    }

    private static HttpResponse<String> api(Node node, String method, String path, String json) {
        return TestNodes.api(node).call(method, path, json);
    }
}
