package org.branchwork.protocol.jsonld;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.ActorType;
import org.branchwork.protocol.vocab.Article;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Collection;
import org.branchwork.protocol.vocab.CollectionPage;
import org.branchwork.protocol.vocab.Document;
import org.branchwork.protocol.vocab.Endpoints;
import org.branchwork.protocol.vocab.Event;
import org.branchwork.protocol.vocab.MultikeyInfo;
import org.branchwork.protocol.vocab.Note;
import org.branchwork.protocol.vocab.Place;
import org.branchwork.protocol.vocab.PostalAddress;
import org.branchwork.protocol.vocab.PublicKeyInfo;
import org.branchwork.protocol.vocab.Question;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tombstone;
import org.branchwork.protocol.vocab.UnknownObject;

/** The one table from type name to the reader that builds its record. */
final class TypeRegistry {

    /** Builds a record from a normalized object whose {@code type} was already taken. */
    @FunctionalInterface
    interface Reader {
        AsObject read(Fields fields, List<String> types, int depth);
    }

    private static final Map<String, Reader> READERS = new LinkedHashMap<>();

    static {
        for (ActorType t : ActorType.values()) {
            READERS.put(t.term(), (f, types, d) -> actor(f, types, d, t));
        }
        for (ActivityType t : ActivityType.values()) {
            if (t != ActivityType.OTHER) {
                READERS.put(t.term(), (f, types, d) -> activity(f, types, d, t));
            }
        }
        READERS.put("Note", (f, types, d) -> new Note(ObjectReader.core(f, types, d)));
        READERS.put("Article", (f, types, d) -> new Article(ObjectReader.core(f, types, d)));
        READERS.put("Event", TypeRegistry::event);
        READERS.put("Place", TypeRegistry::place);
        READERS.put("Question", TypeRegistry::question);
        READERS.put("Tombstone", TypeRegistry::tombstone);
        for (String t : List.of("Document", "Image", "Audio")) {
            READERS.put(t, (f, types, d) -> new Document(ObjectReader.core(f, types, d)));
        }
        READERS.put("Collection", (f, types, d) -> collection(f, types, d, false));
        READERS.put("OrderedCollection", (f, types, d) -> collection(f, types, d, true));
        READERS.put("CollectionPage", (f, types, d) -> page(f, types, d, false));
        READERS.put("OrderedCollectionPage", (f, types, d) -> page(f, types, d, true));
    }

    private TypeRegistry() {}

    /** The reader for the first type the model knows; unknown types read as an activity if they look like one. */
    static Reader readerFor(List<String> types, Fields fields) {
        for (String type : types) {
            Reader reader = READERS.get(type);
            if (reader != null) {
                return reader;
            }
        }
        if (fields.has("actor") && fields.has("object")) {
            return (f, t, d) -> activity(f, t, d, ActivityType.OTHER);
        }
        return (f, t, d) -> new UnknownObject(ObjectReader.core(f, t, d));
    }

    private static Tombstone tombstone(Fields f, List<String> types, int depth) {
        String former = JsonValues.text(f.take("formerType"));
        var when = JsonValues.instant(f.take("deleted"));
        return new Tombstone(ObjectReader.core(f, types, depth), former, when);
    }

    private static Actor actor(Fields f, List<String> types, int depth, ActorType kind) {
        String username = JsonValues.text(f.take("preferredUsername"));
        if (username != null && username.length() > 1000) {
            throw new Refusal("preferredUsername is " + username.length() + " characters long; at most 1000 are read");
        }
        URI inbox = JsonValues.uri(f.take("inbox"));
        URI outbox = JsonValues.uri(f.take("outbox"));
        URI followers = JsonValues.uri(f.take("followers"));
        URI following = JsonValues.uri(f.take("following"));
        URI featured = JsonValues.uri(f.take("featured"));
        Endpoints endpoints = endpoints(f.take("endpoints"));
        List<PublicKeyInfo> keys = new ArrayList<>();
        for (JsonNode k : JsonValues.many(f.take("publicKey"))) {
            if (k.isObject()) {
                keys.add(new PublicKeyInfo(
                        JsonValues.uri(k.get("id")),
                        JsonValues.uri(k.get("owner")),
                        JsonValues.text(k.get("publicKeyPem"))));
            }
        }
        List<MultikeyInfo> methods = new ArrayList<>();
        for (JsonNode m : JsonValues.many(f.take("assertionMethod"))) {
            if (m.isObject() && "Multikey".equals(JsonValues.text(m.get("type")))) {
                methods.add(new MultikeyInfo(
                        JsonValues.uri(m.get("id")),
                        JsonValues.uri(m.get("controller")),
                        JsonValues.text(m.get("publicKeyMultibase"))));
            }
        }
        Boolean manual = JsonValues.bool(f.take("manuallyApprovesFollowers"));
        Boolean discoverable = JsonValues.bool(f.take("discoverable"));
        return new Actor(
                ObjectReader.core(f, types, depth),
                kind,
                username,
                inbox,
                outbox,
                followers,
                following,
                featured,
                endpoints,
                keys,
                methods,
                Boolean.TRUE.equals(manual),
                discoverable);
    }

    private static Endpoints endpoints(JsonNode node) {
        if (node == null || !node.isObject()) {
            return Endpoints.NONE;
        }
        URI shared = null;
        Map<String, URI> others = new LinkedHashMap<>();
        var it = node.properties().iterator();
        while (it.hasNext()) {
            var e = it.next();
            URI u = JsonValues.uri(e.getValue());
            if (u == null) {
                continue;
            }
            if (e.getKey().equals("sharedInbox")) {
                shared = u;
            } else {
                others.put(e.getKey(), u);
            }
        }
        return new Endpoints(shared, others);
    }

    private static Activity activity(Fields f, List<String> types, int depth, ActivityType kind) {
        JsonNode actorNode = f.take("actor");
        if ((actorNode == null || actorNode.isNull()) && depth > 0) {
            // An Undo's embedded Follow or Like without actor (seen from independent servers): the
            // signed outer activity names who acts; handlers check that the two agree when both do.
            List<Ref> objects = ObjectReader.refs(f.take("object"), depth);
            return new Activity(
                    ObjectReader.core(f, types, depth),
                    kind,
                    Ref.unstated(),
                    objects,
                    ObjectReader.ref(f.take("target"), depth),
                    ObjectReader.ref(f.take("origin"), depth),
                    ObjectReader.ref(f.take("result"), depth),
                    ObjectReader.ref(f.take("instrument"), depth));
        }
        if (actorNode == null || actorNode.isNull()) {
            throw new Refusal(types.get(0) + " has no actor");
        }
        if (actorNode.isArray()) {
            // Mastodon takes the first; we refuse, because a signature proves one actor and trust
            // rules (key owner = actor) cannot hold for a list.
            throw new Refusal("actor is an array of " + actorNode.size()
                    + "; an activity signed by one key must name exactly one actor");
        }
        Ref actor = ObjectReader.ref(actorNode, depth);
        if (actor == null || actor.id().isEmpty()) {
            throw new Refusal("actor is neither an IRI nor an object with an id");
        }
        List<Ref> objects = ObjectReader.refs(f.take("object"), depth);
        Ref target = ObjectReader.ref(f.take("target"), depth);
        Ref origin = ObjectReader.ref(f.take("origin"), depth);
        Ref result = ObjectReader.ref(f.take("result"), depth);
        Ref instrument = ObjectReader.ref(f.take("instrument"), depth);
        return new Activity(
                ObjectReader.core(f, types, depth), kind, actor, objects, target, origin, result, instrument);
    }

    private static Event event(Fields f, List<String> types, int depth) {
        var start = JsonValues.instant(f.take("startTime"));
        var end = JsonValues.instant(f.take("endTime"));
        String timezone = JsonValues.text(f.take("timezone"));
        Ref location = ObjectReader.ref(f.take("location"), depth);
        Boolean online = JsonValues.bool(f.take("isOnline"));
        String joinMode = JsonValues.text(f.take("joinMode"));
        Integer max = JsonValues.integer(f.take("maximumAttendeeCapacity"));
        Integer remaining = JsonValues.integer(f.take("remainingAttendeeCapacity"));
        Integer participants = JsonValues.integer(f.take("participantCount"));
        String status = JsonValues.text(f.take("ical:status"));
        String category = JsonValues.text(f.take("category"));
        return new Event(
                ObjectReader.core(f, types, depth),
                start,
                end,
                timezone,
                location,
                online,
                joinMode,
                max,
                remaining,
                participants,
                status,
                category);
    }

    private static Place place(Fields f, List<String> types, int depth) {
        Double latitude = JsonValues.decimal(f.take("latitude"));
        Double longitude = JsonValues.decimal(f.take("longitude"));
        JsonNode address = f.take("address");
        PostalAddress postal = null;
        if (address != null && address.isObject()) {
            postal = new PostalAddress(
                    JsonValues.text(address.get("streetAddress")),
                    JsonValues.text(address.get("addressLocality")),
                    JsonValues.text(address.get("addressRegion")),
                    JsonValues.text(address.get("postalCode")),
                    JsonValues.text(address.get("addressCountry")));
        } else if (address != null && address.isTextual()) {
            postal = new PostalAddress(address.textValue(), null, null, null, null);
        }
        return new Place(ObjectReader.core(f, types, depth), latitude, longitude, postal);
    }

    private static Question question(Fields f, List<String> types, int depth) {
        List<Question.Choice> oneOf = choices(f.take("oneOf"));
        List<Question.Choice> anyOf = choices(f.take("anyOf"));
        var end = JsonValues.instant(f.take("endTime"));
        var closed = JsonValues.instant(f.take("closed"));
        Integer voters = JsonValues.integer(f.take("votersCount"));
        return new Question(ObjectReader.core(f, types, depth), oneOf, anyOf, end, closed, voters);
    }

    private static List<Question.Choice> choices(JsonNode node) {
        List<Question.Choice> out = new ArrayList<>();
        for (JsonNode n : JsonValues.many(node)) {
            String name = JsonValues.text(n.get("name"));
            if (name != null) {
                out.add(new Question.Choice(
                        name, JsonValues.longValue(n.path("replies").get("totalItems"))));
            }
        }
        return out;
    }

    private static Collection collection(Fields f, List<String> types, int depth, boolean ordered) {
        Long total = JsonValues.longValue(f.take("totalItems"));
        Ref first = ObjectReader.ref(f.take("first"), depth);
        Ref last = ObjectReader.ref(f.take("last"), depth);
        List<Ref> items = ObjectReader.refs(f.has("orderedItems") ? f.take("orderedItems") : f.take("items"), depth);
        f.take("items");
        f.take("orderedItems");
        return new Collection(ObjectReader.core(f, types, depth), ordered, total, first, last, items);
    }

    private static CollectionPage page(Fields f, List<String> types, int depth, boolean ordered) {
        Long total = JsonValues.longValue(f.take("totalItems"));
        Ref partOf = ObjectReader.ref(f.take("partOf"), depth);
        Ref next = ObjectReader.ref(f.take("next"), depth);
        Ref prev = ObjectReader.ref(f.take("prev"), depth);
        List<Ref> items = ObjectReader.refs(f.has("orderedItems") ? f.take("orderedItems") : f.take("items"), depth);
        f.take("items");
        f.take("orderedItems");
        return new CollectionPage(ObjectReader.core(f, types, depth), ordered, total, partOf, next, prev, items);
    }
}
