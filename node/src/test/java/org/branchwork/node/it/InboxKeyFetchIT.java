package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.it.InboxPosts.assertRefused;
import static org.branchwork.node.it.InboxPosts.branch;
import static org.branchwork.node.it.InboxPosts.json;
import static org.branchwork.node.it.InboxPosts.postSigned;

/**
 * How the inbox finds a signature's key: at the actor's document or at its own URL (GoToSocial),
 * only over http(s), and fetched once however many requests name it, good or bad.
 */
class InboxKeyFetchIT {

    @RegisterExtension
    static final LoopbackFederation federation = new LoopbackFederation(1);

    static FakePeer peer;
    static Node node;
    static SigningKey mallory;
    static SigningKey eve;

    @BeforeAll
    static void start() {
        peer = federation.peer();
        node = federation.node();
        mallory = peer.actor("mallory");
        eve = peer.actor("eve");
    }

    @Test
    void aKeyPublishedAtItsOwnUrlAsGoToSocialDoesIsAccepted() {
        SigningKey gts = peer.actorWithKeyAtOwnUrl("gts");
        byte[] body = follow("gts-1", peer.actorId("gts"));
        HttpResponse<String> res = postSigned(node, gts, body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    }

    @Test
    void aKeyAtItsOwnUrlSignedForAnotherActorIsRefused() {
        peer.actorWithKeyAtOwnUrl("gts2");
        // Mallory's private key under gts2's key URL: the owner's document publishes another key.
        SigningKey forged = new SigningKey(peer.actorId("gts2") + "/main-key", mallory.privateKey());
        byte[] body = follow("gts-2", peer.actorId("gts2"));
        assertRefused(postSigned(node, forged, body), 401, "bad_signature");
    }

    @Test
    void keyIdsAndActorsThatAreNotHttpUrlsAreRefused401NeverA500() {
        for (String keyId : List.of(
                "file:///etc/passwd#k",
                "data:,hello",
                "jar:file:/tmp/x.jar!/k",
                "urn:uuid:1234",
                "/relative#key",
                "http:///no-host#k",
                "mailto:someone@example.org")) {
            SigningKey odd = new SigningKey(keyId, mallory.privateKey());
            byte[] body = follow("odd-key-" + Math.abs(keyId.hashCode()));
            HttpResponse<String> res = postSigned(node, odd, body);
            assertThat(res.statusCode()).as(keyId + ": " + res.body()).isEqualTo(401);
        }
        for (String actor : List.of("file:///etc/passwd", "data:,x", "jar:file:/x!/y", "urn:x:y")) {
            byte[] body = json("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + peer.origin()
                    + "/activities/odd-actor-" + Math.abs(actor.hashCode()) + "\",\"type\":\"Follow\",\"actor\":\""
                    + actor
                    + "\",\"object\":\"" + branch(node) + "\"}");
            HttpResponse<String> res = postSigned(node, mallory, body);
            assertThat(res.statusCode()).as(actor + ": " + res.body()).isBetween(400, 401);
            assertThat(res.headers().firstValue("Content-Type")).contains("application/problem+json");
        }
    }

    @Test
    void aFloodNamingAnUnknownKeyFetchesItOnce() {
        SigningKey ghost = new SigningKey(peer.actorId("ghost-flood") + "#main-key", mallory.privateKey());
        int before = peer.actorFetches();
        for (int i = 0; i < 20; i++) {
            byte[] body = follow("flood-" + i, peer.actorId("ghost-flood"));
            assertRefused(postSigned(node, ghost, body), 401, "unknown_key");
        }
        assertThat(peer.actorFetches() - before).isEqualTo(1);
    }

    @Test
    void aFloodOfBadSignaturesUnderAKnownKeyRefetchesItAtMostOnce() {
        SigningKey frank = peer.actor("frank");
        byte[] first = follow("frank-ok", peer.actorId("frank"));
        assertThat(postSigned(node, frank, first).statusCode()).isEqualTo(202);
        int before = peer.actorFetches();
        SigningKey forged = new SigningKey(frank.keyId(), eve.privateKey());
        for (int i = 0; i < 20; i++) {
            byte[] body = follow("frank-forged-" + i, peer.actorId("frank"));
            assertRefused(postSigned(node, forged, body), 401, "bad_signature");
        }
        assertThat(peer.actorFetches() - before).isLessThanOrEqualTo(1);
    }

    private static byte[] follow(String name) {
        return follow(name, peer.actorId("mallory"));
    }

    private static byte[] follow(String name, URI actor) {
        return InboxPosts.follow(peer, node, name, actor);
    }
}
