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
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.vocab.Event;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Event we send carries FEP-8a8e's terms beside Mobilizon's, and what Mobilizon and Mastodon
 * read stays as it was: {@code ical:status}, {@code joinMode}, the counts, a {@code Place} with a
 * {@code PostalAddress}, {@code name}/{@code content}/{@code url}.
 */
class EventMapperTest {

    private static final String OURS = "https://stockport.example";
    private static final Instant START = Instant.parse("2027-01-16T10:00:00Z");
    private static final String FEP = "https://w3id.org/fep/8a8e/";
    private static final java.util.Set<String> MOBILIZON_EVENT_TERMS = java.util.Set.of(
            "startTime",
            "endTime",
            "timezone",
            "isOnline",
            "joinMode",
            "ical:status",
            "category",
            "participantCount",
            "maximumAttendeeCapacity",
            "remainingAttendeeCapacity",
            "location",
            "name",
            "content",
            "mediaType");

    private final LocalUris uris = new LocalUris(new PublicOrigin(URI.create(OURS)));
    private final EventMapper events = new EventMapper(uris, java.time.Clock.systemUTC());
    private final ActivityCodec codec = new ActivityCodec();
    private final String eventIri = OURS + "/events/6f1e2d3c-4b5a-4978-8c9d-0e1f2a3b4c5d";

    private BranchEvent event(EventPlace place, URI online, boolean cancelled) {
        return new BranchEvent(
                EventId.parse("6f1e2d3c-4b5a-4978-8c9d-0e1f2a3b4c5d"),
                "Canvassing in Levenshulme",
                "Meet at the library.",
                "<p>Meet at the library.</p>",
                START,
                START.plusSeconds(3 * 3600),
                ZoneId.of("Europe/London"),
                place,
                online,
                20,
                JoinMode.FREE,
                EventCategory.CANVASSING,
                null,
                cancelled,
                Instant.parse("2026-12-01T09:00:00Z"),
                Instant.parse("2026-12-01T09:00:00Z"),
                null);
    }

    private JsonNode json(BranchEvent e, int participants) {
        return codec.toJson(events.object(e, EventCounts.of(e, participants), "stockport"));
    }

    @Test
    void carriesFep8a8eTermsBesideMobilizonsUnchanged() {
        JsonNode e = json(event(new EventPlace("Levenshulme Library", "Cromwell Grove", 53.44, -2.19), null, false), 7);
        // Mobilizon's, as before.
        assertThat(e.get("type").asText()).isEqualTo("Event");
        assertThat(e.get("ical:status").asText()).isEqualTo("CONFIRMED");
        assertThat(e.get("joinMode").asText()).isEqualTo("free");
        assertThat(e.get("participantCount").asInt()).isEqualTo(7);
        assertThat(e.get("remainingAttendeeCapacity").asInt()).isEqualTo(13);
        assertThat(e.get("maximumAttendeeCapacity").asInt()).isEqualTo(20);
        assertThat(e.get("timezone").asText()).isEqualTo("Europe/London");
        assertThat(e.at("/location/type").asText()).isEqualTo("Place");
        assertThat(e.at("/location/address/type").asText()).isEqualTo("PostalAddress");
        assertThat(e.at("/location/address/streetAddress").asText()).isEqualTo("Cromwell Grove");
        assertThat(e.get("content").asText()).contains("Levenshulme Library");
        // FEP-8a8e's.
        assertThat(e.get("eventStatus").asText()).isEqualTo(FEP + "EventScheduled");
        assertThat(e.at("/organizers/type").asText()).isEqualTo("Collection");
        assertThat(e.at("/organizers/items/0").asText()).isEqualTo(OURS + "/groups/stockport");
        assertThat(e.get("attributedTo").toString()).contains(OURS + "/groups/stockport");
        assertThat(e.at("/attendees/type").asText()).isEqualTo("Collection");
        assertThat(e.at("/attendees/totalItems").asInt()).isEqualTo(7);
        assertThat(e.at("/attendees/items").isMissingNode()).as("never who").isTrue();
        // The terms are defined in the document's own context.
        String context = e.get("@context").toString();
        assertThat(context).contains("\"fep8a8e\":\"" + FEP + "\"").contains("\"eventStatus\"");
        assertThat(context).contains("\"VirtualLocation\":\"sc:VirtualLocation\"");
    }

    @Test
    void aCancelledEventSaysSoBothWays() {
        JsonNode e = json(event(new EventPlace("Hall", null, null, null), null, true), 0);
        assertThat(e.get("ical:status").asText()).isEqualTo("CANCELLED");
        assertThat(e.get("eventStatus").asText()).isEqualTo(FEP + "EventCancelled");
    }

    @Test
    void anOnlineOnlyEventHasAVirtualLocationThatDoesNotPublishTheLink() {
        URI secret = URI.create("https://meet.example/secret-room");
        JsonNode e = json(event(null, secret, false), 0);
        assertThat(e.get("isOnline").asBoolean()).isTrue();
        assertThat(e.at("/location/type").asText()).isEqualTo("VirtualLocation");
        assertThat(e.at("/location/url").toString()).contains(eventIri);
        assertThat(e.toString()).doesNotContain("secret-room");
    }

    @Test
    void aHybridEventKeepsItsPlaceAsMobilizonReadsIt() {
        JsonNode e = json(
                event(new EventPlace("Hall", "1 High Street", null, null), URI.create("https://meet.example/r"), false),
                0);
        assertThat(e.at("/location/type").asText()).isEqualTo("Place");
        assertThat(e.toString()).doesNotContain("meet.example");
    }

    @Test
    void ourOwnEventStillReadsBackAsAnEvent() {
        String written = codec.write(json(event(null, URI.create("https://meet.example/r"), false), 2));
        Decoded read = codec.read(written);
        assertThat(read).isInstanceOf(Decoded.Read.class);
        Event back = (Event) ((Decoded.Read) read).object();
        assertThat(back.participantCount()).isEqualTo(2);
        assertThat(back.core().extensions().text("eventStatus")).isPresent();
    }

    /**
     * Every field Mobilizon's own Event (the corpus) has and ours has too is of the same JSON shape,
     * so Mobilizon reads ours as it reads its own, FEP-8a8e's terms beside them or not.
     */
    @Test
    void mobilizonsFieldsKeepTheShapeOfMobilizonsOwnEvent() throws Exception {
        java.nio.file.Path corpus = java.util.stream.Stream.of(
                        "../../shared/corpus/fediverse/mobilizon/objects/event.json",
                        "../shared/corpus/fediverse/mobilizon/objects/event.json")
                .map(java.nio.file.Path::of)
                .filter(java.nio.file.Files::exists)
                .findFirst()
                .orElseThrow(() -> new AssertionError("the corpus is missing (../shared/corpus)"));
        JsonNode theirs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(corpus.toFile());
        JsonNode ours =
                json(event(new EventPlace("Levenshulme Library", "Cromwell Grove", 53.44, -2.19), null, false), 3);
        java.util.List<String> shared = new java.util.ArrayList<>();
        theirs.fieldNames().forEachRemaining(name -> {
            // The generic AS fields (url, attributedTo, to, ...) come from the shared writer, which
            // writes arrays where Mobilizon writes one value; Mobilizon takes both. Its event terms:
            if (ours.has(name) && !theirs.get(name).isNull() && MOBILIZON_EVENT_TERMS.contains(name)) {
                shared.add(name);
                assertThat(ours.get(name).getNodeType())
                        .as(name)
                        .isEqualTo(theirs.get(name).getNodeType());
            }
        });
        assertThat(shared).contains("ical:status", "joinMode", "participantCount", "isOnline", "timezone", "location");
        assertThat(ours.at("/location/address").getNodeType())
                .isEqualTo(theirs.at("/location/address").getNodeType());
        assertThat(ours.at("/location/address/type").asText())
                .isEqualTo(theirs.at("/location/address/type").asText());
    }
}
