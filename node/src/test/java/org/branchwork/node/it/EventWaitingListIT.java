package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.it.EventFederationIT.answer;
import static org.branchwork.node.it.EventFederationIT.api;
import static org.branchwork.node.it.EventFederationIT.join;
import static org.branchwork.node.it.EventFederationIT.send;
import static org.branchwork.node.testing.Await.until;

/**
 * A full event's waiting list across two real nodes on loopback. Manchester's event has one
 * place, taken by a local member; a Stockport member (through her Person actor), a Manchester
 * member and a fediverse actor join its waiting list, in that order, and none of the Joins is
 * answered yet. The first member's withdrawal promotes the Stockport member: Manchester's
 * {@code Accept} reaches Stockport, which now shows her as accepted. A capacity raise promotes
 * the next two: the Manchester member gets the mail, the fediverse actor the {@code Accept}.
 * Stockport's copy of the event follows the counts, the waiting count included. Last, an
 * organiser promotes a waiting member by hand through the API.
 */
class EventWaitingListIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Admin ADA = new Admin("Ada Lovelace", "ada@stockport.test", Fixtures.PASSWORD);

    @TempDir
    Path dir;

    private TestMail mail;
    private Node manchester;
    private Node stockport;
    private FakePeer peer;

    @BeforeEach
    void start() throws Exception {
        mail = new TestMail();
        Map<String, String> env = new HashMap<>(TestNodes.federatingEnvironment("manchester"));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.2");
        env.putAll(mail.nodeEnvironment());
        manchester = TestNodes.start(dir.resolve("manchester"), env);
        Map<String, String> stockportEnv = new HashMap<>(TestNodes.federatingEnvironment("stockport"));
        stockportEnv.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.2");
        stockport = TestNodes.start(dir.resolve("stockport"), stockportEnv);
        peer = new FakePeer();
        Fixtures.setUpBranch(stockport, ADA);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {stockport, manchester, peer, mail}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // closing the others matters more
            }
        }
    }

    @Test
    void withdrawalAndCapacityRaisePromoteTheLineInOrderAndRemotePeopleGetTheirAccept() throws Exception {
        URI manchesterActor = URI.create("http://localhost:" + manchester.port() + "/groups/manchester");
        URI inbox = URI.create(manchesterActor + "/inbox");

        // Ada, on Stockport, publishes a public profile and follows Manchester.
        Browser ada = Browser.signedIn(stockport, ADA);
        ada.get("/me/feed");
        assertThat(ada.post("/me/public-profile", Map.of()).statusCode()).isEqualTo(303);
        ada.get("/me/feed");
        HttpResponse<String> subscribed =
                ada.post("/me/subscriptions", Map.of("target", "@manchester@localhost:" + manchester.port()));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(303);
        until(
                "manchester has Stockport as a follower",
                () -> manchester.inspect().followerCount() == 1);

        // Manchester's event has one place; Mo, a Manchester member, takes it.
        String eventJson = """
                {"name": "Housing meeting", "content": "Tenants' rights.",
                 "startTime": "2027-02-06T14:00", "endTime": "2027-02-06T16:00", "timezone": "Europe/London",
                 "location": {"name": "Friends Meeting House", "address": "Mount St, Manchester"},
                 "capacity": %d, "category": "meeting"}""";
        HttpResponse<String> created = api(manchester, "POST", "/api/v1/events", eventJson.formatted(1));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode event = JSON.readTree(created.body());
        URI eventId = URI.create(event.get("id").asText());
        String uuid = event.get("uuid").asText();
        until(
                "stockport holds the event",
                () -> stockport.inspect().remoteObject(eventId).isPresent());
        long mo = member("Mo Farah", "mo@example.org");
        long lee = member("Lee Wong", "lee@example.org");
        assertThat(rsvp(uuid, mo).statusCode()).isEqualTo(201);

        // Ada RSVPs from Stockport: her Join finds the event full and waits, unanswered.
        HttpResponse<String> joined = ada.post("/me/rsvps", Map.of("event", eventId.toString()));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(303);
        until("manchester put Ada on the waiting list", () -> {
            JsonNode a = attendee(uuid, "Ada Lovelace");
            return a != null && "waitlisted".equals(a.path("state").asText());
        });
        assertThat(attendee(uuid, "Ada Lovelace").get("position").asInt()).isEqualTo(1);

        // Lee, a Manchester member, is second in line; a fediverse actor third.
        HttpResponse<String> leeWaits = rsvp(uuid, lee);
        assertThat(leeWaits.statusCode()).as(leeWaits.body()).isEqualTo(202);
        JsonNode leeRsvp = JSON.readTree(leeWaits.body());
        assertThat(leeRsvp.get("state").asText()).isEqualTo("waitlisted");
        assertThat(leeRsvp.get("position").asInt()).isEqualTo(2);
        SigningKey fedi = peer.actor("fedi");
        String fediJoin = peer.origin() + "/joins/1";
        assertThat(send(fedi, inbox, join(fediJoin, peer.actorId("fedi"), eventId))
                        .statusCode())
                .isEqualTo(202);
        until("the fediverse actor is third in line", () -> {
            JsonNode a = attendee(uuid, null);
            return a != null && a.path("position").asInt() == 3;
        });
        JsonNode full = JSON.readTree(
                api(manchester, "GET", "/api/v1/events/" + uuid, null).body());
        assertThat(full.get("participantCount").asInt()).isEqualTo(1);
        assertThat(full.get("remainingAttendeeCapacity").asInt()).isZero();
        assertThat(full.get("waitlistCount").asInt()).isEqualTo(3);
        until("stockport's copy counts three waiting", () -> copy(eventId).contains("\"bw:waitlistCount\":3"));
        assertThat(answer(peer, "fedi", "Reject", fediJoin))
                .as("a Join to a full event is not rejected")
                .isEmpty();
        assertThat(answer(peer, "fedi", "Accept", fediJoin)).isEmpty();
        assertThat(ada.get("/me/feed").body())
                .as("Stockport still waits for Manchester's answer")
                .doesNotContain("Your RSVP: <strong>accepted")
                .doesNotContain("Your RSVP: <strong>rejected");

        // Mo can't come: the place goes to Ada, and Manchester's Accept reaches Stockport.
        HttpResponse<String> withdrawn =
                api(manchester, "DELETE", "/api/v1/events/" + uuid + "/rsvps", "{\"member\": " + mo + "}");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(204);
        assertThat(attendee(uuid, "Ada Lovelace").get("state").asText()).isEqualTo("accepted");
        until(
                "stockport learnt that Ada has a place",
                () -> ada.get("/me/feed").body().contains("Your RSVP: <strong>accepted"));
        assertThat(attendee(uuid, "Lee Wong").get("position").asInt())
                .as("everyone moved up")
                .isEqualTo(1);

        // The organisers raise the capacity to three: Lee and the fediverse actor get the two new places.
        HttpResponse<String> raised = api(manchester, "PATCH", "/api/v1/events/" + uuid, eventJson.formatted(3));
        assertThat(raised.statusCode()).as(raised.body()).isEqualTo(200);
        JsonNode after = JSON.readTree(raised.body());
        assertThat(after.get("participantCount").asInt()).isEqualTo(3);
        assertThat(after.get("waitlistCount").asInt()).isZero();
        until(
                "the fediverse actor got the Accept of its Join",
                () -> answer(peer, "fedi", "Accept", fediJoin).isPresent());
        until(
                "Lee got the mail that a place is his",
                () -> mail.to("lee@example.org").stream()
                        .anyMatch(m -> subject(m).startsWith("A place came free: you're going to Housing meeting")));
        until("Mo's confirmation arrived", () -> !mail.to("mo@example.org").isEmpty());
        assertThat(mail.to("mo@example.org").stream().map(EventWaitingListIT::subject))
                .as("Mo was confirmed once and is not told of anyone's promotion")
                .containsExactly("You're going: Housing meeting");
        until(
                "stockport's copy has three participants and nobody waiting",
                () -> copy(eventId).contains("\"participantCount\":3")
                        && copy(eventId).contains("\"bw:waitlistCount\":0"));

        // Full again: Kim waits, and an organiser gives her a place by hand, over capacity, once.
        long kim = member("Kim Lee", "kim@example.org");
        assertThat(JSON.readTree(rsvp(uuid, kim).body()).get("position").asInt())
                .isEqualTo(1);
        String kims = attendee(uuid, "Kim Lee").get("id").asText();
        HttpResponse<String> promoted =
                api(manchester, "POST", "/api/v1/events/" + uuid + "/rsvps/" + kims + "/promote", null);
        assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(200);
        assertThat(api(manchester, "POST", "/api/v1/events/" + uuid + "/rsvps/" + kims + "/promote", null)
                        .statusCode())
                .as("a second promotion finds nobody waiting")
                .isEqualTo(409);
        JsonNode over = JSON.readTree(
                api(manchester, "GET", "/api/v1/events/" + uuid, null).body());
        assertThat(over.get("participantCount").asInt()).isEqualTo(4);
        assertThat(over.get("remainingAttendeeCapacity").asInt()).isZero();
        assertThat(over.get("waitlistCount").asInt()).isZero();
        until(
                "Kim got the mail that a place is hers",
                () -> mail.to("kim@example.org").stream()
                        .anyMatch(m -> subject(m).startsWith("A place came free")));
    }

    private long member(String name, String email) throws Exception {
        HttpResponse<String> r = api(
                manchester,
                "POST",
                "/api/v1/members",
                "{\"name\":\"" + name + "\",\"email\":\"" + email
                        + "\",\"postcode\":\"M1 1AE\",\"contactConsent\":false}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return JSON.readTree(r.body()).get("id").asLong();
    }

    private HttpResponse<String> rsvp(String uuid, long member) {
        return api(manchester, "POST", "/api/v1/events/" + uuid + "/rsvps", "{\"member\": " + member + "}");
    }

    /** The attendee of that name (or, for null, the one with no name but an actor of the fake peer). */
    private JsonNode attendee(String uuid, String name) {
        JsonNode list;
        try {
            list = JSON.readTree(api(manchester, "GET", "/api/v1/events/" + uuid + "/rsvps", null)
                    .body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (JsonNode a : list.get("items")) {
            boolean match = name == null
                    ? a.path("actor").asText().startsWith(peer.origin())
                    : name.equals(a.path("name").asText());
            if (match) {
                return a;
            }
        }
        return null;
    }

    private String copy(URI eventId) {
        return stockport.inspect().remoteObject(eventId).orElseThrow().body();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
