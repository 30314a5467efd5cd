package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.it.EventFederationIT.answer;
import static org.branchwork.node.it.EventFederationIT.api;
import static org.branchwork.node.it.EventFederationIT.send;
import static org.branchwork.node.testing.Await.until;

/**
 * A Mastodon user RSVPs by voting on the event's poll: a Mastodon-shaped follower gets the
 * event's {@code Question} beside its {@code Event}, votes "Going" as Mastodon's VoteSerializer
 * does ({@code Create(Note{name, inReplyTo})}, to the poll's owner only), gets the {@code Accept}
 * embedding its vote, is on the attendee list by name, sees the poll's count move, votes
 * "Not going" and is withdrawn; once the event is cancelled the poll is closed and a vote is
 * answered {@code Reject}.
 */
class EventPollRsvpIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Node manchester;
    private FakePeer peer;
    private SigningKey alice;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> env = new HashMap<>(TestNodes.federatingEnvironment("manchester"));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.2");
        manchester = TestNodes.start(dir.resolve("manchester"), env);
        peer = new FakePeer();
    }

    @AfterEach
    void stop() throws Exception {
        if (manchester != null) {
            manchester.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void aMastodonUserRsvpsByVotingGoingAndWithdrawsByVotingNotGoing() throws Exception {
        alice = peer.actor("alice");
        URI aliceId = peer.actorId("alice");
        URI group = URI.create("http://localhost:" + manchester.port() + "/groups/manchester");
        URI inbox = URI.create(group + "/inbox");
        assertThat(FakePeer.follow(alice, inbox, group, peer.origin() + "/follows/1")
                        .statusCode())
                .isEqualTo(202);
        until("manchester has its follower", () -> manchester.inspect().followerCount() == 1);

        var created = api(manchester, "POST", "/api/v1/events", """
                {"name": "Canvassing in Levenshulme", "content": "Meet at the library.",
                 "startTime": "2027-01-16T10:00", "endTime": "2027-01-16T13:00", "timezone": "Europe/London",
                 "location": {"name": "Levenshulme Library", "address": "Cromwell Grove, Manchester M19 3QE"},
                 "capacity": 2, "category": "canvassing"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode event = JSON.readTree(created.body());
        String eventId = event.get("id").asText();
        String uuid = event.get("uuid").asText();

        // The poll arrives beside the event, as Mastodon reads a poll, linked from the Event.
        until(
                "alice got the Event and its poll",
                () -> latest("Create", "Question").isPresent()
                        && latest("Create", "Event").isPresent());
        JsonNode poll = latest("Create", "Question").orElseThrow().get("object");
        JsonNode ev = latest("Create", "Event").orElseThrow().get("object");
        String pollId = poll.get("id").asText();
        assertThat(pollId).isEqualTo(eventId + "/poll");
        assertThat(ev.get("bw:rsvpPoll").asText()).isEqualTo(pollId);
        assertThat(poll.get("inReplyTo").asText()).isEqualTo(eventId);
        // Mastodon takes the first of an attributedTo array, as for our Events.
        assertThat(
                        poll.get("attributedTo").findValuesAsText("id").isEmpty()
                                ? poll.get("attributedTo").get(0).asText()
                                : poll.get("attributedTo").get(0).get("id").asText())
                .isEqualTo(group.toString());
        assertThat(poll.get("to").toString()).contains("https://www.w3.org/ns/activitystreams#Public");
        assertThat(poll.get("endTime").asText()).isEqualTo("2027-01-16T10:00:00Z");
        assertThat(poll.get("oneOf").findValuesAsText("name")).containsExactly("Going", "Not going");
        assertThat(poll.get("content").asText())
                .contains("Canvassing in Levenshulme")
                .contains(eventId);
        assertThat(poll.has("proof")).as("signed like the event").isTrue();

        // The poll is served at its id.
        var fetched = TestNodes.send(HttpRequest.newBuilder(URI.create(pollId))
                .header("Accept", "application/activity+json")
                .GET()
                .build());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(fetched.body()).get("type").asText()).isEqualTo("Question");

        // Alice votes "Going" (Mastodon's vote: to the poll's author only, no content).
        String going = vote("1", aliceId, group, pollId, "Going");
        until(
                "alice got the Accept of her vote",
                () -> answer(peer, "alice", "Accept", going).isPresent());
        JsonNode accept = answer(peer, "alice", "Accept", going).orElseThrow();
        assertThat(accept.get("actor").asText()).isEqualTo(group.toString());
        assertThat(accept.at("/object/type").asText()).isEqualTo("Create");
        assertThat(accept.at("/object/object/name").asText()).isEqualTo("Going");
        assertThat(accept.at("/object/object/inReplyTo").asText()).isEqualTo(pollId);
        assertThat(rsvpsOf(uuid, "alice"))
                .extracting(n -> n.get("state").asText())
                .containsExactly("accepted");
        assertThat(rsvpsOf(uuid, "alice").getFirst().get("actor").asText()).isEqualTo(aliceId.toString());
        until(
                "the poll's Going count reaches the followers",
                () -> latestWhere(
                                "Update",
                                "Question",
                                u -> u.at("/object/oneOf/0/replies/totalItems").asInt() == 1)
                        .isPresent());

        // A repeated vote changes nothing: still one RSVP, accepted.
        String again = vote("2", aliceId, group, pollId, "Going");
        until(
                "the repeated vote is answered too",
                () -> answer(peer, "alice", "Accept", again).isPresent());
        assertThat(rsvpsOf(uuid, "alice"))
                .extracting(n -> n.get("state").asText())
                .containsExactly("accepted");

        // "Not going" withdraws her, as a Leave would.
        vote("3", aliceId, group, pollId, "Not going");
        until(
                "alice's RSVP is withdrawn",
                () -> rsvpsOf(uuid, "alice").getFirst().get("state").asText().equals("withdrawn"));
        JsonNode counts = JSON.readTree(
                api(manchester, "GET", "/api/v1/events/" + uuid, null).body());
        assertThat(counts.get("participantCount").asInt()).isZero();

        // Cancelled: the poll closes, and a vote after that is refused with a Reject.
        assertThat(api(manchester, "POST", "/api/v1/events/" + uuid + "/cancel", null)
                        .statusCode())
                .isEqualTo(200);
        until(
                "the closed poll reaches the followers",
                () -> latestWhere(
                                "Update",
                                "Question",
                                u -> u.at("/object/closed").isTextual())
                        .isPresent());
        String late = vote("4", aliceId, group, pollId, "Going");
        until(
                "the late vote is rejected",
                () -> answer(peer, "alice", "Reject", late).isPresent());
        assertThat(rsvpsOf(uuid, "alice"))
                .extracting(n -> n.get("state").asText())
                .containsExactly("withdrawn");
    }

    /** Alice's vote as Mastodon sends it; returns the Create's id. */
    private String vote(String n, URI voter, URI group, String poll, String choice) {
        String noteId = voter + "#votes/" + n;
        String createId = noteId + "/activity";
        String json = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + createId
                + "\",\"type\":\"Create\",\"actor\":\"" + voter + "\",\"to\":\"" + group + "\",\"object\":{\"id\":\""
                + noteId + "\",\"type\":\"Note\",\"name\":\"" + choice + "\",\"attributedTo\":\"" + voter
                + "\",\"to\":\"" + group + "\",\"inReplyTo\":\"" + poll + "\"}}";
        assertThat(send(alice, URI.create(group + "/inbox"), json).statusCode()).isEqualTo(202);
        return createId;
    }

    private List<JsonNode> rsvpsOf(String uuid, String name) {
        JsonNode list;
        try {
            list = JSON.readTree(api(manchester, "GET", "/api/v1/events/" + uuid + "/rsvps", null)
                    .body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        List<JsonNode> out = new ArrayList<>();
        list.get("items").forEach(i -> {
            if (name.equals(i.path("name").asText())) {
                out.add(i);
            }
        });
        return out;
    }

    private Optional<JsonNode> latest(String type, String objectType) {
        return latestWhere(type, objectType, n -> true);
    }

    private Optional<JsonNode> latestWhere(String type, String objectType, Predicate<JsonNode> test) {
        List<String> bodies = peer.received("alice");
        for (int i = bodies.size() - 1; i >= 0; i--) {
            try {
                JsonNode n = JSON.readTree(bodies.get(i));
                if (type.equals(n.path("type").asText())
                        && objectType.equals(n.path("object").path("type").asText())
                        && test.test(n)) {
                    return Optional.of(n);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }
}
