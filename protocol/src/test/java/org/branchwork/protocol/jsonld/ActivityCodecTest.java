package org.branchwork.protocol.jsonld;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.ActorType;
import org.branchwork.protocol.vocab.Article;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Collection;
import org.branchwork.protocol.vocab.Endpoints;
import org.branchwork.protocol.vocab.Event;
import org.branchwork.protocol.vocab.Link;
import org.branchwork.protocol.vocab.MultikeyInfo;
import org.branchwork.protocol.vocab.Note;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Place;
import org.branchwork.protocol.vocab.PostalAddress;
import org.branchwork.protocol.vocab.PublicKeyInfo;
import org.branchwork.protocol.vocab.Question;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tag;
import org.branchwork.protocol.vocab.Tombstone;
import org.branchwork.protocol.vocab.UnknownObject;

import static org.assertj.core.api.Assertions.assertThat;

class ActivityCodecTest {

    private static final URI BRANCH = URI.create("https://stockport.example/actor");
    private static final URI FOLLOWERS = URI.create("https://stockport.example/actor/followers");
    private static final Instant WHEN = Instant.parse("2026-11-22T18:30:00Z");

    private final ActivityCodec codec = new ActivityCodec();

    static List<AsObject> ourDocuments() {
        ObjectCore noteCore = ObjectCore.of(URI.create("https://stockport.example/announcements/1"), "Note")
                .withContent("<p>Street stall on Saturday</p>", "text/html")
                .withTimes(WHEN, null)
                .withAttribution(BRANCH, Audience.publicWithFollowers(FOLLOWERS))
                .withLinks(
                        List.of(Ref.to(URI.create("https://stockport.example/announcements/1"))),
                        List.of(new Tag.Hashtag(URI.create("https://stockport.example/tags/nhs"), "#NHS")),
                        List.of(),
                        null);
        Note note = new Note(noteCore);
        Place place = new Place(
                ObjectCore.of(null, "Place").withName("Stockport Town Hall"),
                53.4083,
                -2.1494,
                new PostalAddress("Edward Street", "Stockport", "Greater Manchester", "SK1 3XE", "United Kingdom"));
        Event event = new Event(
                ObjectCore.of(URI.create("https://stockport.example/events/7"), "Event")
                        .withName("Save our NHS rally")
                        .withContent("<p>Saturday 12:00 at Stockport Town Hall</p>", "text/html")
                        .withAttribution(BRANCH, Audience.publicWithFollowers(FOLLOWERS))
                        .withLinks(
                                List.of(),
                                List.of(),
                                List.of(
                                        Ref.to(URI.create("https://stockport.example/media/banner.jpg")),
                                        new Ref.Linked(new Link(
                                                URI.create("https://meet.example/rally"),
                                                null,
                                                "text/html",
                                                "Website"))),
                                Ref.to(URI.create("https://national.example/campaigns/nhs"))),
                WHEN,
                WHEN.plusSeconds(7200),
                "Europe/London",
                Ref.to(place),
                false,
                "free",
                200,
                180,
                20,
                "CONFIRMED",
                "MEETING");
        Activity create = new Activity(
                ObjectCore.of(URI.create("https://stockport.example/activities/1"), "Create")
                        .withAttribution(BRANCH, Audience.publicWithFollowers(FOLLOWERS)),
                ActivityType.CREATE,
                Ref.to(BRANCH),
                List.of(Ref.to(note)),
                null,
                null,
                null,
                null);
        Actor group = new Actor(
                ObjectCore.of(BRANCH, "Group").withName("Momentum Stockport").withSummary("Our branch"),
                ActorType.GROUP,
                "stockport",
                URI.create("https://stockport.example/actor/inbox"),
                URI.create("https://stockport.example/actor/outbox"),
                FOLLOWERS,
                URI.create("https://stockport.example/actor/following"),
                null,
                new Endpoints(
                        URI.create("https://stockport.example/inbox"),
                        Map.of("events", URI.create("https://stockport.example/events"))),
                List.of(new PublicKeyInfo(
                        URI.create(BRANCH + "#main-key"),
                        BRANCH,
                        "-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n")),
                List.of(new MultikeyInfo(
                        URI.create(BRANCH + "#ed25519-key"),
                        BRANCH,
                        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")),
                false,
                true);
        Question question = new Question(
                ObjectCore.of(URI.create("https://national.example/consultations/3"), "Question")
                        .withContent("Which campaign first?", "text/html"),
                List.of(new Question.Choice("Housing", 12L), new Question.Choice("NHS", 30L)),
                List.of(),
                WHEN,
                null,
                42);
        Tombstone tombstone = new Tombstone(
                ObjectCore.of(URI.create("https://stockport.example/announcements/2"), "Tombstone"), "Note", WHEN);
        Collection followers = new Collection(
                ObjectCore.of(FOLLOWERS, "OrderedCollection"),
                true,
                3L,
                Ref.to(URI.create(FOLLOWERS + "?page=1")),
                null,
                List.of());
        Article article = new Article(ObjectCore.of(URI.create("https://national.example/campaigns/nhs"), "Article")
                .withName("Save our NHS")
                .withContent("<p>Brief</p>", "text/html"));
        return List.of(note, event, create, group, question, tombstone, followers, article);
    }

    @ParameterizedTest
    @MethodSource("ourDocuments")
    void ourDocumentsRoundTrip(AsObject original) {
        String json = codec.write(original);

        Decoded decoded = codec.read(json);

        assertThat(decoded).isEqualTo(new Decoded.Read(original));
        assertThat(codec.write(((Decoded.Read) decoded).object()))
                .as("stable bytes")
                .isEqualTo(json);
        assertThat(json).startsWith("{\"@context\":[\"https://www.w3.org/ns/activitystreams\"");
    }

    @Test
    void prefixedAliasedAndFullIriTermsAreUnderstood() {
        String doc = """
                {"@context": ["https://www.w3.org/ns/activitystreams", {"body": "as:content", "when": {"@id": "as:published"},
                  "mz": "https://joinmobilizon.org/ns#", "tz": "mz:timezone"}],
                 "id": "https://a.example/e/1", "type": "as:Event", "as:name": "Rally", "body": "<p>Come</p>",
                 "when": "2026-11-22T18:30:00Z", "tz": "Europe/London",
                 "https://www.w3.org/ns/activitystreams#startTime": "2026-12-01T12:00:00+00:00"}
                """;

        Event event = (Event) ((Decoded.Read) codec.read(doc)).object();

        assertThat(event.core().name().best()).contains("Rally");
        assertThat(event.core().content().best()).contains("<p>Come</p>");
        assertThat(event.core().published()).isEqualTo(WHEN);
        assertThat(event.timezone()).isEqualTo("Europe/London");
        assertThat(event.startTime()).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    }

    @Test
    void languageMapsAndUnknownPropertiesSurvive() {
        String doc = """
                {"@context": "https://www.w3.org/ns/activitystreams", "id": "https://a.example/n/1", "type": "Note",
                 "contentMap": {"de": "<p>Hallo</p>", "en": "<p>Hello</p>"}, "votes": 12, "sm:weird": {"x": [1, 2]}}
                """;

        Note note = (Note) ((Decoded.Read) codec.read(doc)).object();

        assertThat(note.core().content().byLanguage())
                .containsEntry("en", "<p>Hello</p>")
                .containsEntry("de", "<p>Hallo</p>");
        assertThat(note.core().content().best()).isPresent();
        assertThat(note.core().extensions().names()).containsExactlyInAnyOrder("votes", "sm:weird");
        assertThat(note.core().extensions().get("votes").orElseThrow().intValue())
                .isEqualTo(12);
        assertThat(codec.write(note)).contains("\"sm:weird\":{\"x\":[1,2]}");
    }

    @Test
    void unknownTypesAreReadNotRefused() {
        Decoded page = codec.read(
                "{\"id\":\"https://a.example/p/1\",\"type\":\"Page\",\"name\":\"A page\",\"attributedTo\":\"https://a.example/u/1\"}");
        Decoded lock = codec.read(
                "{\"id\":\"https://a.example/l/1\",\"type\":\"Lock\",\"actor\":\"https://a.example/u/1\",\"object\":\"https://a.example/p/1\"}");

        assertThat(((Decoded.Read) page).object()).isInstanceOf(UnknownObject.class);
        assertThat(((Decoded.Read) page).object().core().name().best()).contains("A page");
        Activity activity = (Activity) ((Decoded.Read) lock).object();
        assertThat(activity.kind()).isEqualTo(ActivityType.OTHER);
        assertThat(activity.type()).isEqualTo("Lock");
    }

    @Test
    void badDocumentsAreRefusedWithReasons() {
        assertThat(codec.read("not json")).isInstanceOf(Decoded.Refused.class);
        assertThat(codec.read("[1,2]")).isEqualTo(new Decoded.Refused("not a JSON object"));
        assertThat(codec.read("{\"id\":\"https://a.example/1\"}"))
                .isEqualTo(new Decoded.Refused("no type: not an ActivityStreams object"));
        assertThat(codec.read("{\"type\":\"Create\",\"object\":\"https://a.example/1\"}"))
                .isEqualTo(new Decoded.Refused("Create has no actor"));
        assertThat(codec.read("{\"type\":\"Note\",\"id\":\"not an iri\"}")).isInstanceOf(Decoded.Refused.class);
        assertThat(codec.read("{\"type\":\"Note\",\"id\":\"https://a.example/1\",\"id\":\"https://b.example/1\"}"))
                .isInstanceOf(Decoded.Refused.class);
        String deep = "{\"type\":\"Note\",\"x\":" + "[".repeat(200) + "]".repeat(200) + "}";
        assertThat(((Decoded.Refused) codec.read(deep)).reason()).contains("not valid JSON");
    }

    @Test
    void anEmbeddedActivityMayLeaveItsActorOutButATopLevelOneMayNot() {
        Decoded undo = codec.read(
                "{\"type\":\"Undo\",\"id\":\"https://a.example/u/1\",\"actor\":\"https://a.example/users/x\","
                        + "\"object\":{\"type\":\"Follow\",\"id\":\"https://a.example/f/1\",\"object\":\"https://b.example/g\"}}");
        Activity outer = (Activity) ((Decoded.Read) undo).object();
        Activity follow = (Activity) outer.object().orElseThrow().embedded().orElseThrow();
        assertThat(follow.actor()).isInstanceOf(org.branchwork.protocol.vocab.Ref.Unstated.class);
        assertThat(follow.actor().id()).isEmpty();
        assertThat(codec.write(follow)).doesNotContain("actor");
        assertThat(codec.read(
                        "{\"type\":\"Follow\",\"id\":\"https://a.example/f/1\",\"object\":\"https://b.example/g\"}"))
                .isEqualTo(new Decoded.Refused("Follow has no actor"));
    }

    @Test
    void overlongAndOtherwiseInvalidUtf8IsRefused() {
        byte[] prefix = "{\"type\":\"Note\",\"id\":\"https://a.example/1\",\"content\":\""
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (byte[] bad : new byte[][] {
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xFF},
            {(byte) 0xC3}
        }) {
            byte[] doc = new byte[prefix.length + bad.length + 2];
            System.arraycopy(prefix, 0, doc, 0, prefix.length);
            System.arraycopy(bad, 0, doc, prefix.length, bad.length);
            doc[doc.length - 2] = '"';
            doc[doc.length - 1] = '}';
            assertThat(codec.read(doc)).isInstanceOf(Decoded.Refused.class);
            assertThat(((Decoded.Refused) codec.read(doc)).reason()).startsWith("not valid UTF-8");
        }
        assertThat(codec.read("{\"type\":\"Note\",\"id\":\"https://a.example/1\",\"content\":\"Grüße 🌍\"}"))
                .isInstanceOf(Decoded.Read.class);
    }

    @Test
    void aPropertyWithMoreValuesOrANameLongerThanAnyRealPeerSendsIsRefused() {
        String tags = "{\"type\":\"Hashtag\",\"name\":\"#a\"},".repeat(100_000);
        Decoded many = codec.read("{\"type\":\"Note\",\"id\":\"https://a.example/1\",\"tag\":[" + tags
                + "{\"type\":\"Hashtag\",\"name\":\"#b\"}]}");
        assertThat(((Decoded.Refused) many).reason()).contains("100001 values");
        Decoded longName = codec.read(
                "{\"type\":\"Note\",\"id\":\"https://a.example/1\",\"name\":\"" + "x".repeat(1_000_000) + "\"}");
        assertThat(((Decoded.Refused) longName).reason()).startsWith("name is 1000000 characters");
        Decoded longId = codec.read("{\"type\":\"Note\",\"id\":\"https://a.example/" + "x".repeat(3000) + "\"}");
        assertThat(((Decoded.Refused) longId).reason()).startsWith("id is not a valid absolute IRI");
        assertThat(codec.read("{\"type\":\"Note\",\"id\":\"https://a.example/1\",\"name\":\"" + "x".repeat(10_000)
                        + "\",\"content\":\"" + "y".repeat(500_000) + "\"}"))
                .isInstanceOf(Decoded.Read.class);
    }

    @Test
    void iriSchemesAndHostsAreReadInLowerCase() {
        Decoded read = codec.read("{\"type\":\"Follow\",\"id\":\"HTTPS://A.Example/f/1?Q=X#Frag\","
                + "\"actor\":\"https://A.EXAMPLE:8443/Users/X\",\"object\":\"https://b.example/g\"}");
        Activity follow = (Activity) ((Decoded.Read) read).object();
        assertThat(follow.id()).contains(java.net.URI.create("https://a.example/f/1?Q=X#Frag"));
        assertThat(follow.actor().id()).contains(java.net.URI.create("https://a.example:8443/Users/X"));
    }

    @Test
    void linkOrEmbeddedOrArrayAreAllReferences() {
        String doc = """
                {"type": "Announce", "id": "https://g.example/a/1", "actor": {"type": "Group", "id": "https://g.example/g",
                 "inbox": "https://g.example/g/inbox"}, "object": ["https://a.example/n/1", "https://a.example/n/2"],
                 "url": {"type": "Link", "href": "https://g.example/a/1.html", "mediaType": "text/html"}}
                """;

        Activity announce = (Activity) ((Decoded.Read) codec.read(doc)).object();

        assertThat(announce.actor().embedded())
                .hasValueSatisfying(a -> assertThat(a).isInstanceOf(Actor.class));
        assertThat(announce.actor().id()).contains(URI.create("https://g.example/g"));
        assertThat(announce.objects()).hasSize(2);
        assertThat(announce.core().url())
                .first()
                .extracting(r -> r.id().orElseThrow())
                .isEqualTo(URI.create("https://g.example/a/1.html"));
    }
}
