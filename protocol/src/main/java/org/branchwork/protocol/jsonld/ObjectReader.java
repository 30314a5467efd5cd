package org.branchwork.protocol.jsonld;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Extensions;
import org.branchwork.protocol.vocab.LanguageText;
import org.branchwork.protocol.vocab.Link;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tag;
import org.branchwork.protocol.vocab.UnknownObject;

/**
 * Turns a normalized document into records. The common properties are read here; each type's own
 * properties by the reader {@link TypeRegistry} names for it.
 */
final class ObjectReader {

    private static final int MAX_EMBEDDING = 8;

    private ObjectReader() {}

    static AsObject read(JsonNode node) {
        return read(node, 0);
    }

    static AsObject read(JsonNode node, int depth) {
        if (!node.isObject()) {
            throw new Refusal(
                    "not a JSON object but " + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (depth > MAX_EMBEDDING) {
            throw new Refusal("objects embedded more than " + MAX_EMBEDDING + " levels deep");
        }
        Fields fields = new Fields((ObjectNode) node);
        List<String> types = types(fields.take("type"));
        if (types.isEmpty()) {
            throw new Refusal("no type: not an ActivityStreams object");
        }
        TypeRegistry.Reader reader = TypeRegistry.readerFor(types, fields);
        return reader.read(fields, types, depth);
    }

    private static List<String> types(JsonNode type) {
        List<String> out = new ArrayList<>();
        for (JsonNode t : JsonValues.many(type)) {
            if (t.isTextual() && !t.textValue().isBlank()) {
                out.add(t.textValue());
            }
        }
        return out;
    }

    /** The common properties; call after the type-specific ones are taken, so that extensions hold only the rest. */
    static ObjectCore core(Fields f, List<String> types, int depth) {
        JsonNode idNode = f.take("id");
        URI id = null;
        if (idNode != null && !idNode.isNull()) {
            id = idNode.isTextual() ? JsonValues.parseUri(idNode.textValue()) : null;
            if (id == null || !id.isAbsolute()) {
                throw new Refusal("id is not a valid absolute IRI: " + idNode);
            }
        }
        ObjectCore core = new ObjectCore(
                id,
                types,
                language(f, "name", "nameMap"),
                language(f, "content", "contentMap"),
                language(f, "summary", "summaryMap"),
                JsonValues.text(f.take("mediaType")),
                JsonValues.instant(f.take("published")),
                JsonValues.instant(f.take("updated")),
                refs(f.take("attributedTo"), depth),
                new Audience(
                        JsonValues.uris(f.take("to")),
                        JsonValues.uris(f.take("cc")),
                        JsonValues.uris(f.take("bto")),
                        JsonValues.uris(f.take("bcc")),
                        JsonValues.uris(f.take("audience"))),
                refs(f.take("url"), depth),
                tags(f.take("tag"), depth),
                refs(f.take("attachment"), depth),
                ref(f.take("inReplyTo"), depth),
                ref(f.take("context"), depth),
                ref(f.take("icon"), depth),
                ref(f.take("image"), depth),
                Extensions.of(f.rest()));
        return core;
    }

    /** The longest name or summary read, in characters (a signed peer once sent a 1 MB name). */
    static final int MAX_LABEL = 10_000;

    private static LanguageText language(Fields f, String plain, String map) {
        LanguageText text = languageUncapped(f, plain, map);
        if (!plain.equals("content")) {
            for (String v : text.byLanguage().values()) {
                capped(plain, v);
            }
            capped(plain, text.value());
        }
        return text;
    }

    private static void capped(String property, String value) {
        if (value != null && value.length() > MAX_LABEL) {
            throw new Refusal(
                    property + " is " + value.length() + " characters long; at most " + MAX_LABEL + " are read");
        }
    }

    private static LanguageText languageUncapped(Fields f, String plain, String map) {
        String value = JsonValues.text(f.take(plain));
        Map<String, String> byLanguage = new LinkedHashMap<>();
        JsonNode m = f.take(map);
        if (m != null && m.isObject()) {
            m.properties().forEach(e -> {
                if (e.getValue().isTextual()) {
                    byLanguage.put(e.getKey(), e.getValue().textValue());
                }
            });
        }
        return new LanguageText(value, byLanguage);
    }

    static List<Ref> refs(JsonNode node, int depth) {
        List<Ref> out = new ArrayList<>();
        for (JsonNode n : JsonValues.many(node)) {
            Ref r = ref(n, depth);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    /** One reference: an IRI, a link, or an embedded object; null when the value is none of these. */
    static Ref ref(JsonNode node, int depth) {
        JsonNode n = JsonValues.one(node);
        if (n == null) {
            return null;
        }
        if (n.isTextual()) {
            URI u = JsonValues.parseUri(n.textValue());
            return u == null ? null : new Ref.Id(u);
        }
        if (!n.isObject()) {
            return null;
        }
        String type = JsonValues.text(n.get("type"));
        if ("Link".equals(type) || (type == null && n.has("href"))) {
            return new Ref.Linked(link(n));
        }
        if (type == null) {
            URI u = JsonValues.uri(n);
            return u == null ? null : new Ref.Id(u);
        }
        return new Ref.Embedded(read(n, depth + 1));
    }

    static Link link(JsonNode n) {
        return new Link(
                JsonValues.uri(n.get("href")),
                JsonValues.text(n.get("rel")),
                JsonValues.text(n.has("mediaType") ? n.get("mediaType") : n.get("mimeType")),
                JsonValues.text(n.get("name")));
    }

    private static List<Tag> tags(JsonNode node, int depth) {
        List<Tag> out = new ArrayList<>();
        for (JsonNode n : JsonValues.many(node)) {
            String type = n.isObject() ? JsonValues.text(n.get("type")) : null;
            if ("Hashtag".equals(type)) {
                out.add(new Tag.Hashtag(JsonValues.uri(n.get("href")), JsonValues.text(n.get("name"))));
            } else if ("Mention".equals(type)) {
                out.add(new Tag.Mention(JsonValues.uri(n.get("href")), JsonValues.text(n.get("name"))));
            } else {
                Ref r = n.isObject() && type != null
                        ? new Ref.Embedded(new UnknownObject(embeddedCore(n, depth)))
                        : ref(n, depth);
                if (r != null) {
                    out.add(new Tag.Other(r));
                }
            }
        }
        return out;
    }

    /** Tags such as {@code Emoji} are kept whole without the id rules of a top-level object. */
    private static ObjectCore embeddedCore(JsonNode n, int depth) {
        Fields f = new Fields((ObjectNode) n);
        List<String> types = types(f.take("type"));
        JsonNode id = ((ObjectNode) n).get("id");
        if (id != null
                && (!id.isTextual()
                        || JsonValues.parseUri(id.textValue()) == null
                        || !JsonValues.parseUri(id.textValue()).isAbsolute())) {
            f.take("id");
        }
        return core(f, types, depth + 1);
    }
}
