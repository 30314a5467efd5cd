package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Await;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;

/** Domain blocks, actor blocks and allow-list mode, set through the admin API and applied before any fetch. */
class PeerPolicyIT {

    private static final String TOKEN = TestNodes.ADMIN_TOKEN;

    @RegisterExtension
    final LoopbackFederation federation = new LoopbackFederation(1);

    private FakePeer peer;
    private Node node;
    private SigningKey mallory;
    private SigningKey eve;
    private int sequence;

    @BeforeEach
    void start() {
        peer = federation.peer();
        node = federation.node();
        mallory = peer.actor("mallory");
        eve = peer.actor("eve");
    }

    @Test
    void aBlockedDomainIsRefusedBeforeAnythingIsFetched() {
        assertThat(admin("POST", "/api/v1/admin/domain-blocks", "{\"value\": \"127.0.0.1\"}")
                        .statusCode())
                .isEqualTo(201);
        int fetches = peer.actorFetches();
        long stored = node.inspect().inboxCount();

        HttpResponse<String> res = follow(mallory);

        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(res.body()).contains("\"code\":\"peer_refused\"").contains("127.0.0.1 is blocked");
        assertThat(peer.actorFetches()).as("no key fetch for a blocked server").isEqualTo(fetches);
        assertThat(node.inspect().inboxCount()).isEqualTo(stored);

        assertThat(admin("DELETE", "/api/v1/admin/domain-blocks?value=127.0.0.1", null)
                        .statusCode())
                .isEqualTo(204);
        assertThat(follow(mallory).statusCode()).isEqualTo(202);
    }

    @Test
    void aBlockedActorIsRefusedAndOthersOnItsServerAreNot() {
        admin("POST", "/api/v1/admin/actor-blocks", "{\"value\": \"" + peer.actorId("mallory") + "\"}");

        assertThat(follow(mallory).statusCode()).isEqualTo(403);
        assertThat(follow(eve).statusCode()).isEqualTo(202);
    }

    @Test
    void allowListModeTakesOnlyAllowedDomains() {
        assertThat(admin("PUT", "/api/v1/admin/federation", "{\"mode\": \"allowlist\"}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(follow(mallory).statusCode()).isEqualTo(403);

        admin("POST", "/api/v1/admin/allowed-domains", "{\"value\": \"127.0.0.1\"}");

        assertThat(follow(mallory).statusCode()).isEqualTo(202);
        assertThat(admin("GET", "/api/v1/admin/federation", null).body())
                .contains("\"mode\":\"allowlist\"")
                .contains("\"allowedDomains\":[\"127.0.0.1\"]");
    }

    @Test
    void withManualApprovalFollowsWaitForAnAdmin() {
        assertThat(admin("PUT", "/api/v1/admin/federation", "{\"followApproval\": \"manual\"}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/groups/stockport"))
                                .header("Accept", "application/activity+json")
                                .build())
                        .body())
                .contains("\"manuallyApprovesFollowers\":true");

        assertThat(follow(mallory).statusCode()).isEqualTo(202);
        assertThat(follow(eve).statusCode()).isEqualTo(202);
        Await.until(
                "both requests wait",
                () -> admin("GET", "/api/v1/admin/follow-requests", null)
                                .body()
                                .contains(peer.actorId("mallory").toString())
                        && admin("GET", "/api/v1/admin/follow-requests", null)
                                .body()
                                .contains(peer.actorId("eve").toString()));
        assertThat(node.inspect().followerCount()).isZero();
        assertThat(peer.received("mallory")).isEmpty();

        assertThat(admin(
                                "POST",
                                "/api/v1/admin/follow-requests/approve",
                                "{\"actor\": \"" + peer.actorId("mallory") + "\"}")
                        .statusCode())
                .isEqualTo(204);
        assertThat(admin("POST", "/api/v1/admin/follow-requests/reject", "{\"actor\": \"" + peer.actorId("eve") + "\"}")
                        .statusCode())
                .isEqualTo(204);

        Await.until(
                "mallory is accepted",
                () -> peer.received("mallory").stream().anyMatch(b -> b.contains("\"type\":\"Accept\"")));
        Await.until(
                "eve is rejected",
                () -> peer.received("eve").stream().anyMatch(b -> b.contains("\"type\":\"Reject\"")));
        assertThat(node.inspect().followerCount()).isEqualTo(1);
        assertThat(admin("GET", "/api/v1/admin/follow-requests", null).body()).isEqualTo("[]");
        assertThat(admin(
                                "POST",
                                "/api/v1/admin/follow-requests/approve",
                                "{\"actor\": \"" + peer.actorId("eve") + "\"}")
                        .statusCode())
                .isEqualTo(404);
    }

    @Test
    void thePolicyApiNeedsTheTokenAndValidEntries() {
        HttpResponse<String> anonymous =
                TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/admin/federation"))
                        .build());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(admin("POST", "/api/v1/admin/domain-blocks", "{\"value\": \"https://evil.example/x\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(admin("PUT", "/api/v1/admin/federation", "{\"mode\": \"closed\"}")
                        .statusCode())
                .isEqualTo(422);
        assertThat(admin("DELETE", "/api/v1/admin/domain-blocks?value=never.example", null)
                        .statusCode())
                .isEqualTo(404);
    }

    private HttpResponse<String> follow(SigningKey key) {
        String actor = key.keyId().substring(0, key.keyId().indexOf('#'));
        return FakePeer.follow(
                key,
                URI.create("http://localhost:" + node.port() + "/inbox"),
                URI.create("http://localhost:" + node.port() + "/groups/stockport"),
                actor + "/follows/" + (++sequence));
    }

    private HttpResponse<String> admin(String method, String path, String json) {
        return TestNodes.api(node).call(method, path, json);
    }
}
