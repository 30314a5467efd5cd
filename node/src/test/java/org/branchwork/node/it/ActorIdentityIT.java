package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.node.testing.Await;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who an actor is cannot be borrowed: not through a redirect to another origin, not through a
 * WebFinger answer about another handle, and not by writing the same IRI in another case. Two fake
 * peers on loopback play a victim's server and an attacker's.
 */
class ActorIdentityIT {

    @RegisterExtension
    static final LoopbackFederation FEDERATION = new LoopbackFederation(2);

    static FakePeer victim;
    static FakePeer attacker;
    static Node node;

    @BeforeAll
    static void start() {
        victim = FEDERATION.peer(0);
        attacker = FEDERATION.peer(1);
        node = FEDERATION.node();
    }

    @Test
    void aFollowSignedThroughARedirectToAnotherOriginIsNotTakenAsTheRedirectingActor() {
        // The victim's server redirects /users/alice to a document on the attacker's server that
        // publishes the attacker's key under alice's key id and owner, with the attacker's inbox.
        URI alice = victim.actorId("alice");
        java.security.KeyPair pair = org.branchwork.protocol.sig.KeyPairs.generateRsa(new java.security.SecureRandom());
        String evilId = attacker.origin() + "/objects/evil";
        URI evil = attacker.publish(
                "evil",
                "{\"@context\":[\"https://www.w3.org/ns/activitystreams\","
                        + "\"https://w3id.org/security/v1\"],\"id\":\"" + evilId + "\",\"type\":\"Person\","
                        + "\"preferredUsername\":\"alice\",\"inbox\":\"" + attacker.origin() + "/users/evil/inbox\","
                        + "\"publicKey\":{\"id\":\"" + alice + "#main-key\",\"owner\":\"" + alice
                        + "\",\"publicKeyPem\":\""
                        + org.branchwork.protocol.sig.Pem.writePublicKey(pair.getPublic())
                                .replace("\n", "\\n") + "\"}}");
        victim.redirect("alice", evil);
        SigningKey borrowed = new SigningKey(alice + "#main-key", pair.getPrivate());
        long followersBefore = node.inspect().followerCount();

        HttpResponse<String> res = postFollow(borrowed, alice, victim.origin() + "/activities/redirected");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(401);
        assertThat(res.body()).contains("\"code\":\"unknown_key\"");
        assertThat(node.inspect().followerCount()).isEqualTo(followersBefore);
        assertThat(node.inspect().hasReceived(victim.origin() + "/activities/redirected"))
                .isFalse();
        assertThat(attacker.received("evil")).isEmpty();
    }

    @Test
    void anActorWrittenInUpperCaseIsTheSameFollower() {
        SigningKey bob = victim.actor("bob");
        long before = node.inspect().followerCount();
        String shouting = victim.actorId("bob").toString().replaceFirst("^http:", "HTTP:");
        SigningKey shoutingKey = new SigningKey(shouting + "#main-key", bob.privateKey());

        assertThat(postFollow(bob, victim.actorId("bob"), victim.origin() + "/activities/bob-1")
                        .statusCode())
                .isEqualTo(202);
        assertThat(postFollow(
                                shoutingKey,
                                URI.create(shouting),
                                victim.origin().replaceFirst("^http:", "HTTP:") + "/activities/bob-2")
                        .statusCode())
                .isEqualTo(202);

        Await.until(
                "both Follows are answered",
                () -> victim.received("bob").stream()
                                .filter(a -> a.contains("\"type\":\"Accept\""))
                                .count()
                        == 2);
        assertThat(node.inspect().followerCount()).isEqualTo(before + 1);
    }

    @Test
    void aWebFingerAnswerNamingAnotherServersActorIsRefused() {
        victim.actor("carol");
        // The attacker's WebFinger says @boss@attacker is the victim's carol.
        attacker.webFinger("boss", "acct:boss@" + host(attacker), victim.actorId("carol"));
        HttpResponse<String> res = follow("@boss@" + host(attacker));
        assertThat(res.statusCode()).as(res.body()).isBetween(400, 599);
        assertThat(res.body()).contains("does not vouch");
    }

    @Test
    void aVictimServerAnsweringForItsOwnHandleDoesNotVouchForAnotherHostsHandle() {
        victim.actor("alma");
        victim.webFinger("alma", "acct:alma@" + host(victim), victim.actorId("alma"));
        attacker.webFinger("alma", "acct:alma@" + host(attacker), victim.actorId("alma"));
        HttpResponse<String> res = follow("@alma@" + host(attacker));
        assertThat(res.statusCode()).as(res.body()).isBetween(400, 599);
        assertThat(res.body()).contains("does not vouch");
    }

    @Test
    void aWebFingerAnswerAboutAnotherHandleIsRefused() {
        attacker.actor("dave");
        attacker.webFinger("dave", "acct:someone@" + host(victim), attacker.actorId("dave"));
        HttpResponse<String> res = follow("@dave@" + host(attacker));
        assertThat(res.statusCode()).as(res.body()).isBetween(400, 599);
        assertThat(res.body()).contains("answered about acct:someone@");
    }

    @Test
    void aWebFingerAnswerForTheHandleOnItsOwnHostIsFollowed() {
        attacker.actor("erin");
        attacker.webFinger("erin", "acct:erin@" + host(attacker), attacker.actorId("erin"));
        HttpResponse<String> res = follow("@erin@" + host(attacker));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    }

    private static String host(FakePeer peer) {
        return peer.origin().substring("http://".length());
    }

    private static HttpResponse<String> follow(String target) {
        return TestNodes.api(node).post("/api/v1/follows", ApiClient.object("target", target));
    }

    private static HttpResponse<String> postFollow(SigningKey key, URI actor, String activityId) {
        String branch = "http://localhost:" + node.port() + "/groups/stockport";
        byte[] body = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + activityId
                        + "\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\"" + branch + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return FakePeer.signedPost(key, URI.create("http://localhost:" + node.port() + "/inbox"), body);
    }
}
