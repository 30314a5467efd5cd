package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * What a second, independent ActivityPub server sends that ours does not: an Undo whose embedded
 * Follow has no actor, and an Announce of the branch's own post.
 */
class IndependentServerQuirksIT {

    @TempDir
    static Path dir;

    static FakePeer peer;
    static Node node;

    @BeforeAll
    static void start() throws Exception {
        peer = new FakePeer();
        node = TestNodes.federating(dir.resolve("node"), "stockport");
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        peer.close();
    }

    @Test
    void anUndoWhoseEmbeddedFollowHasNoActorUnfollows() {
        SigningKey ivy = peer.actor("ivy");
        assertThat(send(
                                ivy,
                                "{\"id\":\"" + peer.origin() + "/f/ivy\",\"type\":\"Follow\",\"actor\":\""
                                        + peer.actorId("ivy") + "\",\"object\":\"" + branch() + "\"}")
                        .statusCode())
                .isEqualTo(202);
        until(
                "ivy follows",
                () -> node.inspect().inboxOutcome(peer.origin() + "/f/ivy").isPresent());
        long followers = node.inspect().followerCount();

        String undoId = peer.origin() + "/undo/ivy";
        HttpResponse<String> res = send(
                ivy,
                "{\"id\":\"" + undoId + "\",\"type\":\"Undo\",\"actor\":\"" + peer.actorId("ivy")
                        + "\",\"object\":{\"id\":\"" + peer.origin() + "/f/ivy\",\"type\":\"Follow\",\"object\":\""
                        + branch() + "\"}}");

        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        until("the Undo is handled", () -> node.inspect().inboxOutcome(undoId).isPresent());
        assertThat(node.inspect().inboxOutcome(undoId))
                .hasValueSatisfying(o -> assertThat(o).contains("follower removed"));
        assertThat(node.inspect().followerCount()).isEqualTo(followers - 1);
    }

    @Test
    void anUndoOfSomeoneElsesFollowChangesNothing() {
        SigningKey jan = peer.actor("jan");
        peer.actor("kim");
        send(
                jan,
                "{\"id\":\"" + peer.origin() + "/f/jan\",\"type\":\"Follow\",\"actor\":\"" + peer.actorId("jan")
                        + "\",\"object\":\"" + branch() + "\"}");
        until(
                "jan follows",
                () -> node.inspect().inboxOutcome(peer.origin() + "/f/jan").isPresent());
        long followers = node.inspect().followerCount();

        String undoId = peer.origin() + "/undo/jan-kim";
        send(
                jan,
                "{\"id\":\"" + undoId + "\",\"type\":\"Undo\",\"actor\":\"" + peer.actorId("jan")
                        + "\",\"object\":{\"id\":\"" + peer.origin() + "/f/kim\",\"type\":\"Follow\",\"actor\":\""
                        + peer.actorId("kim")
                        + "\",\"object\":\"" + branch() + "\"}}");
        until("the Undo is handled", () -> node.inspect().inboxOutcome(undoId).isPresent());
        assertThat(node.inspect().inboxOutcome(undoId))
                .hasValueSatisfying(o -> assertThat(o).contains("someone else's Follow"));
        assertThat(node.inspect().followerCount()).isEqualTo(followers);
    }

    @Test
    void anUndoNamingItsObjectByIdUnfollowsOnlyWhenItIsTheFollow() {
        SigningKey max = peer.actor("max");
        send(
                max,
                "{\"id\":\"" + peer.origin() + "/f/max\",\"type\":\"Follow\",\"actor\":\"" + peer.actorId("max")
                        + "\",\"object\":\"" + branch() + "\"}");
        until(
                "max follows",
                () -> node.inspect().inboxOutcome(peer.origin() + "/f/max").isPresent());
        long followers = node.inspect().followerCount();

        // Some servers undo a Like or a boost by its id alone: that is not an unfollow.
        String undoLike = peer.origin() + "/undo/max-like";
        send(
                max,
                "{\"id\":\"" + undoLike + "\",\"type\":\"Undo\",\"actor\":\"" + peer.actorId("max") + "\",\"object\":\""
                        + peer.origin() + "/likes/7\"}");
        until(
                "the Undo of a Like is handled",
                () -> node.inspect().inboxOutcome(undoLike).isPresent());
        assertThat(node.inspect().inboxOutcome(undoLike))
                .hasValueSatisfying(o -> assertThat(o).startsWith("ignored:"));
        assertThat(node.inspect().followerCount()).isEqualTo(followers);

        String undoFollow = peer.origin() + "/undo/max-follow";
        send(
                max,
                "{\"id\":\"" + undoFollow + "\",\"type\":\"Undo\",\"actor\":\"" + peer.actorId("max")
                        + "\",\"object\":\"" + peer.origin() + "/f/max\"}");
        until(
                "the Undo of the Follow is handled",
                () -> node.inspect().inboxOutcome(undoFollow).isPresent());
        assertThat(node.inspect().inboxOutcome(undoFollow))
                .hasValueSatisfying(o -> assertThat(o).contains("follower removed"));
        assertThat(node.inspect().followerCount()).isEqualTo(followers - 1);
    }

    @Test
    void anAnnounceOfTheBranchsOwnPostIsABoostNotReceivedContent() {
        // The branch follows the booster, so its Announces are read at all.
        SigningKey lee = peer.actor("lee");
        followAndAccept(node, peer, lee, "lee");

        HttpResponse<String> posted = api("/api/v1/announcements", "{\"content\":\"Our own news\"}");
        Matcher id = Pattern.compile("\"id\":\"([^\"]+)\"").matcher(posted.body());
        assertThat(id.find()).as(posted.body()).isTrue();
        URI ours = URI.create(id.group(1));

        String boost = peer.origin() + "/boost/1";
        assertThat(send(
                                lee,
                                "{\"id\":\"" + boost + "\",\"type\":\"Announce\",\"actor\":\"" + peer.actorId("lee")
                                        + "\",\"object\":\"" + ours
                                        + "\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]}")
                        .statusCode())
                .isEqualTo(202);
        until("the boost is handled", () -> node.inspect().inboxOutcome(boost).isPresent());
        assertThat(node.inspect().inboxOutcome(boost))
                .hasValueSatisfying(o -> assertThat(o).startsWith("boost of our own"));
        assertThat(node.inspect().remoteObject(ours))
                .as("not stored as received content")
                .isEmpty();
    }

    /** The branch follows {@code name} on {@code peer} through the API, and the peer accepts. */
    static void followAndAccept(Node node, FakePeer peer, SigningKey key, String name) {
        HttpResponse<String> follow = TestNodes.api(node)
                .post(
                        "/api/v1/follows",
                        ApiClient.object("target", peer.actorId(name).toString()));
        assertThat(follow.statusCode()).as(follow.body()).isEqualTo(202);
        until("our Follow reaches " + name, () -> !peer.received(name).isEmpty());
        Matcher followId = Pattern.compile(
                        "\"id\":\"([^\"]+)\",\"type\":\"Follow\"|\"type\":\"Follow\".*?\"id\":\"([^\"]+)\"")
                .matcher(peer.received(name).get(0));
        assertThat(followId.find()).isTrue();
        String ourFollow = followId.group(1) != null ? followId.group(1) : followId.group(2);
        String accept = peer.origin() + "/accept/" + name;
        send(
                node,
                key,
                "{\"id\":\"" + accept + "\",\"type\":\"Accept\",\"actor\":\"" + peer.actorId(name) + "\",\"object\":\""
                        + ourFollow + "\"}");
        until(
                "the follow is accepted",
                () -> node.inspect()
                        .inboxOutcome(accept)
                        .map(o -> o.contains("accepted"))
                        .orElse(false));
    }

    private static String branch() {
        return "http://localhost:" + node.port() + "/groups/stockport";
    }

    private static HttpResponse<String> api(String path, String json) {
        return TestNodes.api(node).post(path, json);
    }

    private static HttpResponse<String> send(SigningKey key, String activity) {
        return send(node, key, activity);
    }

    /** Posts an activity (its JSON without {@code @context}) to the node's inbox, signed with {@code key}. */
    static HttpResponse<String> send(Node node, SigningKey key, String activity) {
        byte[] body = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\"," + activity.substring(1))
                .getBytes(StandardCharsets.UTF_8);
        return FakePeer.signedPost(key, URI.create("http://localhost:" + node.port() + "/inbox"), body);
    }
}
