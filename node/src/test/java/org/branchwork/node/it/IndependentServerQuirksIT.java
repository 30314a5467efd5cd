package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    @RegisterExtension
    static final LoopbackFederation FEDERATION = new LoopbackFederation(1);

    static FakePeer peer;
    static Node node;

    @BeforeAll
    static void start() {
        peer = FEDERATION.peer();
        node = FEDERATION.node();
    }

    @Test
    void anUndoWhoseEmbeddedFollowHasNoActorUnfollows() {
        SigningKey ivy = peer.actor("ivy");
        long followers = followTheBranch(ivy, "ivy");

        String outcome = undo(
                ivy,
                "ivy",
                "/undo/ivy",
                "{\"id\":\"" + peer.origin() + "/f/ivy\",\"type\":\"Follow\",\"object\":\"" + branch() + "\"}");

        assertThat(outcome).contains("follower removed");
        assertThat(node.inspect().followerCount()).isEqualTo(followers - 1);
    }

    @Test
    void anUndoOfSomeoneElsesFollowChangesNothing() {
        SigningKey jan = peer.actor("jan");
        peer.actor("kim");
        long followers = followTheBranch(jan, "jan");

        String outcome = undo(
                jan,
                "jan",
                "/undo/jan-kim",
                "{\"id\":\"" + peer.origin() + "/f/kim\",\"type\":\"Follow\",\"actor\":\"" + peer.actorId("kim")
                        + "\",\"object\":\"" + branch() + "\"}");

        assertThat(outcome).contains("someone else's Follow");
        assertThat(node.inspect().followerCount()).isEqualTo(followers);
    }

    @Test
    void anUndoNamingItsObjectByIdUnfollowsOnlyWhenItIsTheFollow() {
        SigningKey max = peer.actor("max");
        long followers = followTheBranch(max, "max");

        // Some servers undo a Like or a boost by its id alone: that is not an unfollow.
        assertThat(undo(max, "max", "/undo/max-like", "\"" + peer.origin() + "/likes/7\""))
                .startsWith("ignored:");
        assertThat(node.inspect().followerCount()).isEqualTo(followers);

        assertThat(undo(max, "max", "/undo/max-follow", "\"" + peer.origin() + "/f/max\""))
                .contains("follower removed");
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

    /** {@code name} on the peer follows the branch (as {@code /f/name}); returns the branch's follower count then. */
    private static long followTheBranch(SigningKey key, String name) {
        String follow = peer.origin() + "/f/" + name;
        handled(
                key,
                follow,
                "{\"id\":\"" + follow + "\",\"type\":\"Follow\",\"actor\":\"" + peer.actorId(name) + "\",\"object\":\""
                        + branch() + "\"}");
        return node.inspect().followerCount();
    }

    /** {@code actor} undoes {@code object} (JSON: an id in quotes or an embedded object); returns what was filed. */
    private static String undo(SigningKey key, String actor, String path, String object) {
        String id = peer.origin() + path;
        return handled(
                key,
                id,
                "{\"id\":\"" + id + "\",\"type\":\"Undo\",\"actor\":\"" + peer.actorId(actor) + "\",\"object\":"
                        + object + "}");
    }

    /** Sends {@code activity}, whose id is {@code id}, and returns what the node filed once it handled it. */
    private static String handled(SigningKey key, String id, String activity) {
        HttpResponse<String> res = send(key, activity);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        until(id + " is handled", () -> node.inspect().inboxOutcome(id).isPresent());
        return node.inspect().inboxOutcome(id).orElseThrow();
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
