package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCategory;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.EventPlace;
import org.branchwork.node.domain.JoinMode;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.http.PublicOrigin;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.vocab.Question;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An event's RSVP poll as Mastodon reads a poll ({@code ActivityPub::Activity::Create} for a
 * {@code Question}): type Question, {@code oneOf} Notes with names, {@code endTime}, by the Group,
 * to Public and its followers; in reply to the Event, which links it with {@code bw:rsvpPoll}.
 */
class EventPollMapperTest {

    private static final String OURS = "https://stockport.example";
    private static final Instant START = Instant.parse("2027-01-16T10:00:00Z");

    private final LocalUris uris = new LocalUris(new PublicOrigin(URI.create(OURS)));
    private final EventPollMapper polls = new EventPollMapper(uris);
    private final ActivityCodec codec = new ActivityCodec();
    private final BranchEvent event = new BranchEvent(
            EventId.parse("6f1e2d3c-4b5a-4978-8c9d-0e1f2a3b4c5d"),
            "Canvassing <in> Levenshulme",
            "Meet at the library.",
            "<p>Meet at the library.</p>",
            START,
            START.plusSeconds(3 * 3600),
            ZoneId.of("Europe/London"),
            new EventPlace("Levenshulme Library", "Cromwell Grove", null, null),
            null,
            20,
            JoinMode.FREE,
            EventCategory.CANVASSING,
            null,
            false,
            Instant.parse("2026-12-01T09:00:00Z"),
            Instant.parse("2026-12-01T09:00:00Z"),
            null);
    private final String eventIri = OURS + "/events/6f1e2d3c-4b5a-4978-8c9d-0e1f2a3b4c5d";

    @Test
    void thePollIsAQuestionMastodonShowsAsAPollUnderTheEvent() {
        JsonNode create = codec.toJson(polls.create(event, EventCounts.of(event, 3), "stockport"));
        assertThat(create.get("type").asText()).isEqualTo("Create");
        assertThat(create.get("id").asText()).isEqualTo(eventIri + "/poll/activity");
        JsonNode q = create.get("object");
        assertThat(q.get("type").asText()).isEqualTo("Question");
        assertThat(q.get("id").asText()).isEqualTo(eventIri + "/poll");
        assertThat(q.get("attributedTo").toString()).contains(OURS + "/groups/stockport");
        assertThat(q.get("to").toString()).contains("https://www.w3.org/ns/activitystreams#Public");
        assertThat(q.get("cc").toString()).contains(OURS + "/groups/stockport/followers");
        assertThat(q.get("endTime").asText()).isEqualTo("2027-01-16T10:00:00Z");
        assertThat(q.has("closed")).isFalse();
        assertThat(q.has("anyOf")).isFalse();
        assertThat(q.get("oneOf")).hasSize(2);
        assertThat(q.at("/oneOf/0/type").asText()).isEqualTo("Note");
        assertThat(q.at("/oneOf/0/name").asText()).isEqualTo("Going");
        assertThat(q.at("/oneOf/1/type").asText()).isEqualTo("Note");
        assertThat(q.at("/oneOf/1/name").asText()).isEqualTo("Not going");
        assertThat(q.at("/oneOf/0/replies/totalItems").asInt()).isEqualTo(3);
        // Mastodon shows the content, not the name: it names the event (escaped) and links to it.
        assertThat(q.get("content").asText())
                .contains("Canvassing &lt;in&gt; Levenshulme")
                .contains("href=\"" + eventIri + "\"")
                .contains("Saturday 16 January 2027, 10:00");
        assertThat(q.has("summary")).as("a summary would be a content warning").isFalse();
        assertThat(q.get("inReplyTo").asText()).isEqualTo(eventIri);
        assertThat(q.get("bw:rsvpFor").asText()).isEqualTo(eventIri);
        assertThat(create.get("@context").toString()).contains("https://www.w3.org/ns/activitystreams");
    }

    @Test
    void theEventLinksItsPoll() {
        JsonNode e = codec.toJson(new EventMapper(uris, java.time.Clock.systemUTC())
                .object(event, EventCounts.of(event, 0), "stockport"));
        assertThat(e.get("bw:rsvpPoll").asText()).isEqualTo(eventIri + "/poll");
        assertThat(e.get("bw:waitlistCount").asInt()).isZero();
    }

    @Test
    void thePollClosesWhenTheEventStartsOrIsCancelled() {
        EventCounts counts = EventCounts.of(event, 2);
        Question before = (Question) polls.question(event, counts, 1, "stockport", START.minusSeconds(60));
        assertThat(before.closed()).isNull();
        assertThat(before.votersCount()).isEqualTo(3);
        Question started = (Question) polls.question(event, counts, 1, "stockport", START.plusSeconds(60));
        assertThat(started.closed()).isEqualTo(START);
        Instant cancelledAt = START.minusSeconds(3600);
        Question cancelled =
                (Question) polls.question(event.cancel(cancelledAt), counts, 1, "stockport", START.minusSeconds(60));
        assertThat(cancelled.closed()).isEqualTo(cancelledAt);
        JsonNode update = codec.toJson(polls.update(event.cancel(cancelledAt), counts, 1, "stockport", cancelledAt));
        assertThat(update.get("type").asText()).isEqualTo("Update");
        assertThat(update.at("/object/closed").asText()).isEqualTo(cancelledAt.toString());
        assertThat(update.at("/object/oneOf/1/replies/totalItems").asInt()).isEqualTo(1);
    }

    @Test
    void aDeletedEventsPollIsATombstone() {
        JsonNode delete = codec.toJson(polls.delete(event.delete(START.minusSeconds(10)), "stockport"));
        assertThat(delete.get("type").asText()).isEqualTo("Delete");
        assertThat(delete.at("/object/type").asText()).isEqualTo("Tombstone");
        assertThat(delete.at("/object/id").asText()).isEqualTo(eventIri + "/poll");
    }

    /** A Branchwork peer reads the poll back with {@code bw:rsvpFor}, which tells it that it is no consultation. */
    @Test
    void aPeerReadsThePollBackAsAnEventsPoll() {
        String written = codec.write(polls.create(event, EventCounts.of(event, 0), "stockport"));
        var read = codec.read(written);
        assertThat(read).isInstanceOf(org.branchwork.protocol.jsonld.Decoded.Read.class);
        var create =
                (org.branchwork.protocol.vocab.Activity) ((org.branchwork.protocol.jsonld.Decoded.Read) read).object();
        Question q = (Question) create.object()
                .flatMap(org.branchwork.protocol.vocab.Ref::embedded)
                .orElseThrow();
        assertThat(q.core().extensions().text(EventPollMapper.RSVP_FOR)).contains(eventIri);
        assertThat(q.oneOf()).extracting(Question.Choice::name).containsExactly("Going", "Not going");
        assertThat(q.endTime()).isEqualTo(START);
    }
}
