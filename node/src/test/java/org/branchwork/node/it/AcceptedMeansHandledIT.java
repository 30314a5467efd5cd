package org.branchwork.node.it;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/** An activity the inbox accepted takes effect even when what it needs is not there at first. */
class AcceptedMeansHandledIT {

    @TempDir
    Path dir;

    @Test
    void anAdminSeesWhatRanOutOfAttemptsInTheBrowserAndHasItHandledAgain() throws Exception {
        try (FakePeer peer = new FakePeer();
                Node node = start("0.001")) {
            Fixtures.setUpBranch(node, Admin.ADA);
            Browser admin = Browser.signedIn(node, Admin.ADA);
            Announced announced = announceWhileTheOriginIsDown(node, peer, "pia", 2, "\"content\":\"Still here\"");
            URI note = announced.note();
            String announce = announced.id();

            until("the attempts run out", () -> admin.get("/admin").body().contains(announce));
            String page = admin.get("/admin").body();
            assertThat(page)
                    .contains("Received activities that could not be handled")
                    .contains("503");
            assertThat(peer.objectFetches()).isGreaterThanOrEqualTo(12);

            peer.objectsAnswer(200);
            assertThat(admin.post("/admin/inbox/requeue", Map.of("id", announce))
                            .statusCode())
                    .isEqualTo(303);
            until(
                    "handled once requeued",
                    () -> node.inspect().inboxOutcome(announce).isPresent());
            assertThat(node.inspect().inboxOutcome(announce))
                    .hasValueSatisfying(o -> assertThat(o).startsWith("stored"));
            assertThat(admin.get("/admin").body())
                    .as("the list is empty again")
                    .doesNotContain("Received activities not handled")
                    .contains("everything received has been handled");
        }
    }

    @Test
    void anAnnounceAcceptedWhileTheObjectsOriginIsDownIsHandledOnceItIsBack() throws Exception {
        try (FakePeer peer = new FakePeer();
                Node node = start("0.1")) {
            Announced announced = announceWhileTheOriginIsDown(
                    node,
                    peer,
                    "ola",
                    1,
                    "\"content\":\"Back soon\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]");
            URI note = announced.note();
            String announce = announced.id();
            until("a few attempts while the origin is down", () -> peer.objectFetches() >= 3);
            assertThat(node.inspect().inboxOutcome(announce)).as("not given up").isEmpty();
            assertThat(node.inspect().remoteObject(note)).isEmpty();

            peer.objectsAnswer(200);
            until(
                    "handled once the origin is back",
                    () -> node.inspect().inboxOutcome(announce).isPresent());
            assertThat(node.inspect().remoteObject(note)).isPresent();
            assertThat(node.inspect().inboxOutcome(announce))
                    .hasValueSatisfying(o -> assertThat(o).startsWith("stored"));
        }
    }

    /** A stockport node that tries again {@code firstRetry} seconds after the first failed attempt. */
    private Node start(String firstRetry) {
        Map<String, String> env = new LinkedHashMap<>(TestNodes.federatingEnvironment("stockport"));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", firstRetry);
        return TestNodes.start(dir, env);
    }

    record Announced(URI note, String id) {}

    /**
     * {@code actor} on the peer follows the branch and announces its note {@code n} (with the given
     * JSON fields), after the peer's objects start answering 503: the node accepts the Announce but
     * cannot fetch what it announces.
     */
    private static Announced announceWhileTheOriginIsDown(
            Node node, FakePeer peer, String actor, int n, String noteFields) {
        SigningKey key = peer.actor(actor);
        IndependentServerQuirksIT.followAndAccept(node, peer, key, actor);
        URI note = peer.publish(
                "note-" + n,
                "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + peer.origin() + "/objects/note-"
                        + n + "\",\"type\":\"Note\",\"attributedTo\":\"" + peer.actorId(actor) + "\"," + noteFields
                        + "}");
        peer.objectsAnswer(503);
        String announce = peer.origin() + "/announce/" + n;
        assertThat(IndependentServerQuirksIT.send(
                                node,
                                key,
                                "{\"id\":\"" + announce + "\",\"type\":\"Announce\",\"actor\":\"" + peer.actorId(actor)
                                        + "\",\"object\":\"" + note + "\"}")
                        .statusCode())
                .isEqualTo(202);
        return new Announced(note, announce);
    }
}
