package org.branchwork.protocol.jsonld;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.Article;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Collection;
import org.branchwork.protocol.vocab.CollectionPage;
import org.branchwork.protocol.vocab.Document;
import org.branchwork.protocol.vocab.Event;
import org.branchwork.protocol.vocab.LanguageText;
import org.branchwork.protocol.vocab.Link;
import org.branchwork.protocol.vocab.MultikeyInfo;
import org.branchwork.protocol.vocab.Note;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Place;
import org.branchwork.protocol.vocab.PublicKeyInfo;
import org.branchwork.protocol.vocab.Question;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tag;
import org.branchwork.protocol.vocab.Tombstone;
import org.branchwork.protocol.vocab.UnknownObject;

/**
 * Writes records as JSON: strictly and stably (the same record always gives the same bytes), only
 * properties that have a value, in a fixed order: {@code id}, {@code type}, the type's own
 * properties, then the common ones, then extensions.
 */
final class ObjectWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ObjectWriter() {}

    static ObjectNode write(AsObject object) {
        ObjectNode out = NODES.objectNode();
        ObjectCore core = object.core();
        uri(out, "id", core.id());
        out.set("type", core.types().size() == 1 ? NODES.textNode(core.types().get(0)) : strings(core.types()));
        switch (object) {
            case Actor a -> actor(out, a);
            case Activity a -> activity(out, a);
            case Event e -> event(out, e);
            case Place p -> place(out, p);
            case Question q -> question(out, q);
            case Tombstone t -> {
                text(out, "formerType", t.formerType());
                instant(out, "deleted", t.deleted());
            }
            case Collection c -> {
                number(out, "totalItems", c.totalItems());
                ref(out, "first", c.first());
                ref(out, "last", c.last());
                refs(out, c.ordered() ? "orderedItems" : "items", c.items());
            }
            case CollectionPage p -> {
                number(out, "totalItems", p.totalItems());
                ref(out, "partOf", p.partOf());
                ref(out, "next", p.next());
                ref(out, "prev", p.prev());
                refs(out, p.ordered() ? "orderedItems" : "items", p.items());
            }
            case Note n -> {}
            case Article a -> {}
            case Document d -> {}
            case UnknownObject u -> {}
        }
        core(out, core);
        return out;
    }

    private static void core(ObjectNode out, ObjectCore core) {
        language(out, "name", "nameMap", core.name());
        language(out, "summary", "summaryMap", core.summary());
        language(out, "content", "contentMap", core.content());
        text(out, "mediaType", core.mediaType());
        instant(out, "published", core.published());
        instant(out, "updated", core.updated());
        refs(out, "attributedTo", core.attributedTo());
        uris(out, "to", core.audience().to());
        uris(out, "cc", core.audience().cc());
        uris(out, "bto", core.audience().bto());
        uris(out, "bcc", core.audience().bcc());
        uris(out, "audience", core.audience().audience());
        ref(out, "inReplyTo", core.inReplyTo());
        ref(out, "context", core.context());
        refs(out, "url", core.url());
        if (!core.tag().isEmpty()) {
            ArrayNode tags = out.putArray("tag");
            for (Tag t : core.tag()) {
                switch (t) {
                    case Tag.Hashtag h -> tags.add(tagNode("Hashtag", h.href(), h.name()));
                    case Tag.Mention m -> tags.add(tagNode("Mention", m.href(), m.name()));
                    case Tag.Other o -> tags.add(refNode(o.value()));
                }
            }
        }
        refs(out, "attachment", core.attachment());
        ref(out, "icon", core.icon());
        ref(out, "image", core.image());
        core.extensions().toJson().properties().forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
    }

    private static void actor(ObjectNode out, Actor a) {
        text(out, "preferredUsername", a.preferredUsername());
        uri(out, "inbox", a.inbox());
        uri(out, "outbox", a.outbox());
        uri(out, "followers", a.followers());
        uri(out, "following", a.following());
        uri(out, "featured", a.featured());
        if (a.endpoints().sharedInbox() != null || !a.endpoints().others().isEmpty()) {
            ObjectNode endpoints = out.putObject("endpoints");
            uri(endpoints, "sharedInbox", a.endpoints().sharedInbox());
            a.endpoints().others().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> endpoints.put(e.getKey(), e.getValue().toString()));
        }
        out.put("manuallyApprovesFollowers", a.manuallyApprovesFollowers());
        if (a.discoverable() != null) {
            out.put("discoverable", a.discoverable());
        }
        if (!a.publicKeys().isEmpty()) {
            ArrayNode keys = NODES.arrayNode();
            for (PublicKeyInfo k : a.publicKeys()) {
                ObjectNode key = keys.addObject();
                uri(key, "id", k.id());
                uri(key, "owner", k.owner());
                text(key, "publicKeyPem", k.publicKeyPem());
            }
            // Mastodon reads a single object; only several keys make an array.
            out.set("publicKey", keys.size() == 1 ? keys.get(0) : keys);
        }
        if (!a.assertionMethods().isEmpty()) {
            ArrayNode methods = out.putArray("assertionMethod");
            for (MultikeyInfo m : a.assertionMethods()) {
                ObjectNode method = methods.addObject();
                uri(method, "id", m.id());
                method.put("type", "Multikey");
                uri(method, "controller", m.controller());
                text(method, "publicKeyMultibase", m.publicKeyMultibase());
            }
        }
    }

    private static void activity(ObjectNode out, Activity a) {
        ref(out, "actor", a.actor());
        if (a.objects().size() == 1) {
            ref(out, "object", a.objects().get(0));
        } else {
            refs(out, "object", a.objects());
        }
        ref(out, "target", a.target());
        ref(out, "origin", a.origin());
        ref(out, "result", a.result());
        ref(out, "instrument", a.instrument());
    }

    private static void event(ObjectNode out, Event e) {
        instant(out, "startTime", e.startTime());
        instant(out, "endTime", e.endTime());
        text(out, "timezone", e.timezone());
        ref(out, "location", e.location());
        if (e.online() != null) {
            out.put("isOnline", e.online());
        }
        text(out, "joinMode", e.joinMode());
        number(out, "maximumAttendeeCapacity", e.maximumAttendeeCapacity());
        number(out, "remainingAttendeeCapacity", e.remainingAttendeeCapacity());
        number(out, "participantCount", e.participantCount());
        text(out, "ical:status", e.status());
        text(out, "category", e.category());
    }

    private static void place(ObjectNode out, Place p) {
        if (p.latitude() != null) {
            out.put("latitude", p.latitude());
        }
        if (p.longitude() != null) {
            out.put("longitude", p.longitude());
        }
        if (p.address() != null) {
            ObjectNode address = out.putObject("address");
            address.put("type", "PostalAddress");
            text(address, "streetAddress", p.address().streetAddress());
            text(address, "addressLocality", p.address().addressLocality());
            text(address, "addressRegion", p.address().addressRegion());
            text(address, "postalCode", p.address().postalCode());
            text(address, "addressCountry", p.address().addressCountry());
        }
    }

    private static void question(ObjectNode out, Question q) {
        choices(out, "oneOf", q.oneOf());
        choices(out, "anyOf", q.anyOf());
        instant(out, "endTime", q.endTime());
        instant(out, "closed", q.closed());
        number(out, "votersCount", q.votersCount());
    }

    private static void choices(ObjectNode out, String name, List<Question.Choice> choices) {
        if (choices.isEmpty()) {
            return;
        }
        ArrayNode array = out.putArray(name);
        for (Question.Choice c : choices) {
            ObjectNode choice = array.addObject();
            choice.put("type", "Note");
            choice.put("name", c.name());
            if (c.votes() != null) {
                ObjectNode replies = choice.putObject("replies");
                replies.put("type", "Collection");
                replies.put("totalItems", c.votes());
            }
        }
    }

    private static ObjectNode tagNode(String type, URI href, String name) {
        ObjectNode tag = NODES.objectNode();
        tag.put("type", type);
        uri(tag, "href", href);
        text(tag, "name", name);
        return tag;
    }

    static JsonNode refNode(Ref ref) {
        return switch (ref) {
            case Ref.Id id -> NODES.textNode(id.value().toString());
            case Ref.Embedded e -> write(e.object());
            case Ref.Linked l -> linkNode(l.link());
            case Ref.Unstated u -> NODES.nullNode();
        };
    }

    private static ObjectNode linkNode(Link link) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "Link");
        uri(node, "href", link.href());
        text(node, "rel", link.rel());
        text(node, "mediaType", link.mediaType());
        text(node, "name", link.name());
        return node;
    }

    private static void ref(ObjectNode out, String name, Ref ref) {
        if (ref != null && !(ref instanceof Ref.Unstated)) {
            out.set(name, refNode(ref));
        }
    }

    private static void refs(ObjectNode out, String name, List<Ref> refs) {
        if (!refs.isEmpty()) {
            ArrayNode array = out.putArray(name);
            refs.forEach(r -> array.add(refNode(r)));
        }
    }

    private static void language(ObjectNode out, String plain, String map, LanguageText text) {
        text(out, plain, text.value());
        if (!text.byLanguage().isEmpty()) {
            ObjectNode m = out.putObject(map);
            text.byLanguage().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> m.put(e.getKey(), e.getValue()));
        }
    }

    private static void uris(ObjectNode out, String name, List<URI> uris) {
        if (!uris.isEmpty()) {
            out.set(name, strings(uris.stream().map(URI::toString).toList()));
        }
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }

    private static void uri(ObjectNode out, String name, URI value) {
        if (value != null) {
            out.put(name, value.toString());
        }
    }

    private static void text(ObjectNode out, String name, String value) {
        if (value != null) {
            out.put(name, value);
        }
    }

    private static void instant(ObjectNode out, String name, Instant value) {
        if (value != null) {
            out.put(name, value.toString());
        }
    }

    private static void number(ObjectNode out, String name, Number value) {
        if (value instanceof Integer i) {
            out.put(name, i);
        } else if (value instanceof Long l) {
            out.put(name, l);
        }
    }
}
