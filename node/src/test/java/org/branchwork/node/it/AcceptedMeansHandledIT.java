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
        Map<String, String> env = new LinkedHashMap<>(TestNodes.federatingEnvironment("stockport"));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.001");
        try (FakePeer peer = new FakePeer();
                Node node = TestNodes.start(dir, env)) {
            Fixtures.setUpBranch(node, Admin.ADA);
            Browser admin = Browser.signedIn(node, Admin.ADA);
            SigningKey pia = peer.actor("pia");
            IndependentServerQuirksIT.followAndAccept(node, peer, pia, "pia");
            URI note = peer.publish(
                    "note-2",
                    "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + peer.origin()
                            + "/objects/note-2\",\"type\":\"Note\",\"attributedTo\":\"" + peer.actorId("pia")
                            + "\",\"content\":\"Still here\"}");
            peer.objectsAnswer(503);
            String announce = peer.origin() + "/announce/2";
            assertThat(IndependentServerQuirksIT.send(
                                    node,
                                    pia,
                                    "{\"id\":\"" + announce + "\",\"type\":\"Announce\",\"actor\":\""
                                            + peer.actorId("pia") + "\",\"object\":\"" + note + "\"}")
                            .statusCode())
                    .isEqualTo(202);

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
        Map<String, String> env = new LinkedHashMap<>(TestNodes.federatingEnvironment("stockport"));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.1");
        try (FakePeer peer = new FakePeer();
                Node node = TestNodes.start(dir, env)) {
            SigningKey ola = peer.actor("ola");
            IndependentServerQuirksIT.followAndAccept(node, peer, ola, "ola");
            URI note = peer.publish(
                    "note-1",
                    "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + peer.origin()
                            + "/objects/note-1\",\"type\":\"Note\",\"attributedTo\":\"" + peer.actorId("ola")
                            + "\",\"content\":\"Back soon\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]}");
            peer.objectsAnswer(503);

            String announce = peer.origin() + "/announce/1";
            assertThat(IndependentServerQuirksIT.send(
                                    node,
                                    ola,
                                    "{\"id\":\"" + announce + "\",\"type\":\"Announce\",\"actor\":\""
                                            + peer.actorId("ola") + "\",\"object\":\"" + note + "\"}")
                            .statusCode())
                    .isEqualTo(202);
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
}
