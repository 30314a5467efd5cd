package org.branchwork.node.it;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
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
import static org.branchwork.node.testing.Await.until;

/**
 * Events across nodes on loopback: Manchester publishes an event with two places; a Stockport
 * member with a public profile RSVPs from their feed and is accepted; a fediverse actor's
 * {@code Join} is accepted; the next waits on the waiting list, unanswered; cancelling reaches both followers as an
 * {@code Update} with status cancelled; the iCal feed parses with ical4j and keeps the time zone.
 */
class EventFederationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Admin ADA = new Admin("Ada Lovelace", "ada@stockport.test", Fixtures.PASSWORD);

    @TempDir
    Path dir;

    private Node manchester;
    private Node stockport;
    private FakePeer peer;

    @BeforeEach
    void start() throws Exception {
        manchester = node("manchester");
        stockport = node("stockport");
        peer = new FakePeer();
        Fixtures.setUpBranch(stockport, ADA);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {stockport, manchester, peer}) {
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
    void anEventFillsUpFromBothSidesAndItsCancellationReachesEveryFollower() throws Exception {
        // Stockport and a fediverse user follow Manchester.
        SigningKey fedi = peer.actor("fedi");
        SigningKey late = peer.actor("late");
        URI manchesterActor = URI.create("http://localhost:" + manchester.port() + "/groups/manchester");
        URI inbox = URI.create(manchesterActor + "/inbox");
        assertThat(FakePeer.follow(fedi, inbox, manchesterActor, peer.origin() + "/follows/1")
                        .statusCode())
                .isEqualTo(202);

        // A Stockport member signs in, publishes a public profile and subscribes to Manchester:
        // the branch follows Manchester on their behalf.
        Browser ada = Browser.signedIn(stockport, ADA);
        ada.get("/me/feed");
        assertThat(ada.post("/me/public-profile", Map.of()).statusCode()).isEqualTo(303);
        ada.get("/me/feed");
        HttpResponse<String> subscribed =
                ada.post("/me/subscriptions", Map.of("target", "@manchester@localhost:" + manchester.port()));
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(303);
        until("manchester has two followers", () -> manchester.inspect().followerCount() == 2);

        // Manchester publishes an event with two places.
        HttpResponse<String> created = api(manchester, "POST", "/api/v1/events", """
                {"name": "Canvassing in Levenshulme", "content": "Meet at the **library**.",
                 "startTime": "2027-01-16T10:00", "endTime": "2027-01-16T13:00", "timezone": "Europe/London",
                 "location": {"name": "Levenshulme Library", "address": "Cromwell Grove, Manchester M19 3QE"},
                 "capacity": 2, "category": "canvassing"}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode event = JSON.readTree(created.body());
        URI eventId = URI.create(event.get("id").asText());
        String uuid = event.get("uuid").asText();
        until(
                "stockport holds the event",
                () -> stockport.inspect().remoteObject(eventId).isPresent());
        until(
                "the fediverse follower got the Create",
                () -> received(peer, "fedi", "Create", "Event").isPresent());
        JsonNode createdEvent =
                received(peer, "fedi", "Create", "Event").orElseThrow().get("object");
        assertThat(createdEvent.get("type").asText()).isEqualTo("Event");
        assertThat(createdEvent.get("timezone").asText()).isEqualTo("Europe/London");
        assertThat(createdEvent.get("maximumAttendeeCapacity").asInt()).isEqualTo(2);
        assertThat(createdEvent
                        .get("location")
                        .get("address")
                        .get("streetAddress")
                        .asText())
                .contains("Cromwell Grove");
        assertThat(createdEvent.has("proof"))
                .as("the event itself carries its FEP-8b32 proof")
                .isTrue();

        // Ada sees it in her feed and RSVPs: Stockport sends a Join signed by her Person actor.
        HttpResponse<String> feed = ada.get("/me/feed");
        assertThat(feed.body()).contains("Canvassing in Levenshulme").contains("<strong>library</strong>");
        assertThat(feed.body())
                .as("the origin branch is named")
                .contains("From manchester (manchester@localhost:" + manchester.port() + ")");
        HttpResponse<String> rsvp = ada.post("/me/rsvps", Map.of("event", eventId.toString()));
        assertThat(rsvp.statusCode()).as(rsvp.body()).isEqualTo(303);
        until(
                "manchester accepted Ada",
                () -> attendees(uuid).contains("\"name\":\"Ada Lovelace\"")
                        && attendees(uuid).contains("\"state\":\"accepted\""));
        until(
                "stockport learnt that Ada is accepted",
                () -> ada.get("/me/feed").body().contains("Your RSVP: <strong>accepted"));

        // A fediverse user's Join takes the second place; the next goes on the waiting list, unanswered.
        joinAndAwaitAnswer(fedi, "fedi", "/joins/1", inbox, eventId, "Accept");
        String lateJoin = peer.origin() + "/joins/2";
        assertThat(send(late, inbox, join(lateJoin, peer.actorId("late"), eventId))
                        .statusCode())
                .isEqualTo(202);
        until("the late Join waits on the list", () -> attendees(uuid).contains("\"state\":\"waitlisted\""));
        assertThat(answer(peer, "late", "Reject", lateJoin)).isEmpty();
        JsonNode full = JSON.readTree(
                api(manchester, "GET", "/api/v1/events/" + uuid, null).body());
        assertThat(full.get("participantCount").asInt()).isEqualTo(2);
        assertThat(full.get("remainingAttendeeCapacity").asInt()).isZero();
        assertThat(full.get("waitlistCount").asInt()).isEqualTo(1);

        // Cancelling reaches both followers as an Update with ical:status CANCELLED.
        assertThat(api(manchester, "POST", "/api/v1/events/" + uuid + "/cancel", null)
                        .statusCode())
                .isEqualTo(200);
        until(
                "the fediverse follower got the cancellation",
                () -> received(peer, "fedi", "Update", "Event")
                        .filter(u -> "CANCELLED"
                                .equals(u.get("object").path("ical:status").asText()))
                        .isPresent());
        until(
                "stockport's copy is cancelled",
                () -> stockport
                        .inspect()
                        .remoteObject(eventId)
                        .orElseThrow()
                        .body()
                        .contains("\"ical:status\":\"CANCELLED\""));
        assertThat(ada.get("/me/feed").body()).contains("Cancelled.");

        // The calendar parses with ical4j and keeps the event in its own time zone.
        HttpResponse<String> ics = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(manchester, "/calendar.ics"))
                .build());
        assertThat(ics.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.body()));
        VEvent vevent = calendar.<VEvent>getComponents("VEVENT").get(0);
        assertThat(vevent.getSummary().getValue()).isEqualTo("Canvassing in Levenshulme");
        assertThat(vevent.getDateTimeStart().getParameter("TZID").map(p -> p.getValue()))
                .contains("Europe/London");
        assertThat(vevent.getDateTimeStart().getValue()).isEqualTo("20270116T100000");
        assertThat(vevent.getProperty(Property.STATUS).map(Property::getValue)).contains("CANCELLED");
        assertThat(calendar.<VTimeZone>getComponents("VTIMEZONE")).hasSize(1);
        // The Atom feed reads back with ROME and lists the event, cancelled.
        HttpResponse<String> atom = TestNodes.send(
                HttpRequest.newBuilder(TestNodes.uri(manchester, "/feed.atom")).build());
        assertThat(atom.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        com.rometools.rome.feed.synd.SyndFeed atomFeed =
                new com.rometools.rome.io.SyndFeedInput().build(new StringReader(atom.body()));
        assertThat(atomFeed.getEntries())
                .extracting(e -> e.getTitle())
                .contains("Cancelled: Canvassing in Levenshulme");

        // Ada, an organiser, writes an announcement in Markdown through the web form.
        ada.get("/announcements/new");
        HttpResponse<String> written =
                ada.post("/announcements", Map.of("title", "", "content", "Thanks, _everyone_."));
        assertThat(written.statusCode()).as(written.body()).isEqualTo(303);
        String location = written.headers().firstValue("Location").orElseThrow();
        assertThat(ada.get(location.replaceFirst("\\?.*", "")).body()).contains("Thanks, <em>everyone</em>.");

        HttpResponse<String> page = TestNodes.get(manchester, "/events/" + uuid);
        assertThat(page.body()).contains("type=\"text/calendar\"").contains("Cancelled");

        // Ada unfollows Manchester from her feed: its posts leave her feed, the list of what she follows is empty.
        assertThat(ada.get("/me/feed").body())
                .contains("<li>" + manchesterActor)
                .contains("Canvassing in Levenshulme");
        HttpResponse<String> unfollowed =
                ada.post("/me/subscriptions/remove", Map.of("actor", manchesterActor.toString()));
        assertThat(unfollowed.statusCode()).as(unfollowed.body()).isEqualTo(303);
        HttpResponse<String> after =
                ada.get(unfollowed.headers().firstValue("Location").orElseThrow());
        assertThat(after.body())
                .contains("You no longer follow")
                .doesNotContain("<li>" + manchesterActor)
                .doesNotContain("Canvassing in Levenshulme");
        for (String hostile : List.of("not a link", "", manchesterActor.toString())) {
            assertThat(ada.post("/me/subscriptions/remove", Map.of("actor", hostile))
                            .statusCode())
                    .as(
                            "'%s': not a branch she follows (any more), a clear error, not a 500 or a false success",
                            hostile)
                    .isEqualTo(422);
        }
    }

    private Node node(String slug) {
        Map<String, String> env = new HashMap<>(TestNodes.federatingEnvironment(slug));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.2");
        return TestNodes.start(dir.resolve(slug), env);
    }

    private String attendees(String uuid) {
        return api(manchester, "GET", "/api/v1/events/" + uuid + "/rsvps", null).body();
    }

    static String join(String id, URI actor, URI event) {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id
                + "\",\"type\":\"Join\",\"actor\":\"" + actor + "\",\"object\":\"" + event + "\"}";
    }

    static HttpResponse<String> send(SigningKey key, URI inbox, String json) {
        return FakePeer.signedPost(key, inbox, json.getBytes(StandardCharsets.UTF_8));
    }

    /** The peer's {@code actor} joins {@code event}, and the event's node answers it with {@code answerType}. */
    private void joinAndAwaitAnswer(
            SigningKey key, String actor, String joinPath, URI inbox, URI event, String answerType) {
        String joinId = peer.origin() + joinPath;
        assertThat(send(key, inbox, join(joinId, peer.actorId(actor), event)).statusCode())
                .isEqualTo(202);
        until(
                actor + " got " + answerType + " of its Join",
                () -> answer(peer, actor, answerType, joinId).isPresent());
    }

    /**
     * The latest activity of this type about an object of {@code objectType} the peer's actor
     * received (an event's Create and Update each come with its poll's, in no set order).
     */
    static Optional<JsonNode> received(FakePeer peer, String actor, String type, String objectType) {
        List<String> bodies = peer.received(actor);
        for (int i = bodies.size() - 1; i >= 0; i--) {
            try {
                JsonNode n = JSON.readTree(bodies.get(i));
                if (type.equals(n.path("type").asText())
                        && objectType.equals(n.path("object").path("type").asText())) {
                    return Optional.of(n);
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return Optional.empty();
    }

    /** An Accept or Reject whose object is (or embeds) the Join with this id. */
    static Optional<JsonNode> answer(FakePeer peer, String actor, String type, String joinId) {
        return peer.received(actor).stream()
                .map(b -> {
                    try {
                        return JSON.readTree(b);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                })
                .filter(n -> type.equals(n.path("type").asText()))
                .filter(n -> joinId.equals(
                        n.path("object").isTextual()
                                ? n.get("object").asText()
                                : n.path("object").path("id").asText()))
                .findFirst();
    }

    static HttpResponse<String> api(Node node, String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(TestNodes.uri(node, path))
                .header("Authorization", "Bearer " + TestNodes.ADMIN_TOKEN);
        b = json == null
                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
        return TestNodes.send(b.build());
    }
}
