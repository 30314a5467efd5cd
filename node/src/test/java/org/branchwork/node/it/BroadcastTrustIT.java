package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * Hostile input to national relay, from a fake peer: a broadcast from a node the branch does not
 * follow is ignored; a broadcast's sender keeps a report only from a follower it went to, signed
 * by that follower, about a broadcast it sent, and newer than the one it holds: a forged, a
 * stranger's, a replayed and an older report change nothing.
 */
class BroadcastTrustIT {

    private static final String CONTEXT =
            "[\"https://www.w3.org/ns/activitystreams\",{\"bw\":\"https://w3id.org/branchwork#\"}]";

    @RegisterExtension
    final LoopbackFederation federation = new LoopbackFederation(1);

    @Test
    void aBroadcastFromANodeTheBranchDoesNotFollowIsIgnored() {
        Node branch = federation.node();
        FakePeer peer = federation.peer();
        SigningKey rogue = peer.groupActor("rogue");
        String activity = peer.origin() + "/activities/broadcast-1";
        String body = "{\"@context\":" + CONTEXT + ",\"id\":\"" + activity + "\",\"type\":\"Create\",\"actor\":\""
                + peer.actorId("rogue") + "\",\"object\":{\"id\":\"" + peer.origin()
                + "/objects/broadcast-1\",\"type\":[\"Article\",\"bw:Broadcast\"],\"name\":\"Send us money\","
                + "\"content\":\"<p>Now.</p>\",\"attributedTo\":\"" + peer.actorId("rogue")
                + "\",\"bw:audiencePurpose\":\"national\"}}";
        assertThat(EventFederationIT.send(rogue, inbox(branch), body).statusCode())
                .isEqualTo(202);
        until(
                "the broadcast is handled",
                () -> branch.inspect().inboxOutcome(activity).isPresent());
        assertThat(branch.inspect().inboxOutcome(activity).orElseThrow())
                .isEqualTo("ignored: not from an actor the branch follows");
        JsonNode listed = ApiClient.json(TestNodes.api(branch).get("/api/v1/broadcasts"));
        assertThat(listed.get("items")).isEmpty();
        assertThat(branch.inspect().remoteObject(URI.create(peer.origin() + "/objects/broadcast-1")))
                .isEmpty();
    }

    @Test
    void reportsCountOnlyFromAFollowerTheBroadcastWentToAndOnlyWhenNewer() {
        Node national = federation.node();
        FakePeer peer = federation.peer();
        SigningKey branch = peer.groupActor("branch");
        SigningKey stranger = peer.groupActor("stranger");
        assertThat(FakePeer.follow(
                                branch,
                                inbox(national),
                                URI.create(BranchNetwork.group(national)),
                                peer.origin() + "/activities/follow-1")
                        .statusCode())
                .isEqualTo(202);
        until("the peer's branch follows", () -> national.inspect().followerCount() == 1);
        HttpResponse<String> published =
                TestNodes.api(national).post("/api/v1/broadcasts", "{\"subject\": \"Rally\", \"content\": \"Come.\"}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String uuid = ApiClient.json(published).get("uuid").asText();
        String broadcast = ApiClient.json(published).get("id").asText();
        until(
                "the broadcast reached the peer",
                () -> peer.received("branch").stream()
                        .anyMatch(a -> a.contains(broadcast) && a.contains("bw:audiencePurpose")));

        Instant t1 = Instant.parse("2026-06-01T10:00:00Z");
        String first = report(peer, "branch", "report-1", broadcast, "sending", 5, t1);
        assertThat(handled(national, branch, "report-1", first)).startsWith("broadcast report from");
        assertThat(branchState(national, uuid).get("sent").asInt()).isEqualTo(5);

        // Replayed: the same activity is deduplicated; the same report under a new id, or an older one, refused.
        assertThat(EventFederationIT.send(branch, inbox(national), first).statusCode())
                .isEqualTo(202);
        String again = report(peer, "branch", "report-2", broadcast, "sent", 99, t1);
        assertThat(handled(national, branch, "report-2", again))
                .startsWith("refused:")
                .contains("replay");
        String older = report(peer, "branch", "report-3", broadcast, "sent", 99, t1.minusSeconds(60));
        assertThat(handled(national, branch, "report-3", older))
                .startsWith("refused:")
                .contains("replay");
        assertThat(branchState(national, uuid).get("sent").asInt()).isEqualTo(5);

        // From a Group the broadcast did not go to; in the follower's name but signed by another; for
        // a broadcast national never sent; with a count below zero.
        String strangers = report(peer, "stranger", "report-4", broadcast, "sent", 50, t1.plusSeconds(60));
        assertThat(handled(national, stranger, "report-4", strangers))
                .startsWith("refused:")
                .contains("did not go to");
        String forged = report(peer, "branch", "report-5", broadcast, "sent", 70, t1.plusSeconds(60));
        InboxPosts.assertRefused(EventFederationIT.send(stranger, inbox(national), forged), 401, "key_owner_not_actor");
        String unknownId = "http://localhost:" + national.port() + "/broadcasts/" + UUID.randomUUID();
        String unknown = report(peer, "branch", "report-6", unknownId, "sent", 70, t1.plusSeconds(60));
        assertThat(handled(national, branch, "report-6", unknown))
                .startsWith("refused:")
                .contains("no such broadcast");
        String negative = report(peer, "branch", "report-7", broadcast, "sent", -1, t1.plusSeconds(60));
        assertThat(handled(national, branch, "report-7", negative)).startsWith("refused:");
        assertThat(branchState(national, uuid).get("sent").asInt()).isEqualTo(5);
        assertThat(national.inspect().hasReceived(peer.origin() + "/activities/report-5"))
                .as("nothing of the forgery stored")
                .isFalse();

        // A newer report from the follower counts.
        String later = report(peer, "branch", "report-8", broadcast, "sent", 7, t1.plusSeconds(120));
        assertThat(handled(national, branch, "report-8", later)).startsWith("broadcast report from");
        JsonNode standing = BroadcastRelayIT.standing(national, uuid);
        assertThat(standing.get("totals").get("sent").asInt()).isEqualTo(7);
        assertThat(standing.get("branches")).hasSize(1);
        assertThat(standing.get("branches").get(0).get("state").asText()).isEqualTo("sent");
    }

    private static String handled(Node national, SigningKey key, String name, String body) {
        String id = body.substring(body.indexOf("\"id\":\"") + 6, body.indexOf("\",\"type\""));
        assertThat(EventFederationIT.send(key, inbox(national), body).statusCode())
                .isEqualTo(202);
        until(name + " is handled", () -> national.inspect().inboxOutcome(id).isPresent());
        return national.inspect().inboxOutcome(id).orElseThrow();
    }

    private static JsonNode branchState(Node national, String uuid) {
        return BroadcastRelayIT.standing(national, uuid).get("branches").get(0);
    }

    private static String report(
            FakePeer peer, String actor, String name, String broadcast, String state, int sent, Instant updated) {
        return "{\"@context\":" + CONTEXT + ",\"id\":\"" + peer.origin() + "/activities/" + name
                + "\",\"type\":\"Add\",\"actor\":\"" + peer.actorId(actor) + "\",\"target\":\"" + broadcast
                + "\",\"object\":{\"type\":\"bw:BroadcastReport\",\"bw:relayState\":\"" + state + "\",\"bw:sent\":"
                + sent + ",\"bw:failed\":0,\"bw:unsubscribed\":1,\"updated\":\"" + updated + "\"}}";
    }

    private static URI inbox(Node node) {
        return URI.create("http://localhost:" + node.port() + "/inbox");
    }
}
