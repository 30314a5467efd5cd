package org.branchwork.protocol.jsonld;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The term definitions in force at a point of a document: what its {@code @context} (strings,
 * arrays, inline objects, nested contexts) defines. Used only to turn each key into the IRI it
 * means; no other JSON-LD processing is done (see docs/PROTOCOL.md for why).
 */
final class ActiveContext {

    /** Documents without {@code @context} (Lemmy's test assets, sloppy peers) are read as plain AS2. */
    static final ActiveContext DEFAULT = new ActiveContext(Map.of(), null)
            .with(com.fasterxml.jackson.databind.node.TextNode.valueOf("https://www.w3.org/ns/activitystreams"));

    private final Map<String, String> terms;
    private final String vocab;

    private ActiveContext(Map<String, String> terms, String vocab) {
        this.terms = terms;
        this.vocab = vocab;
    }

    /** This context with {@code value} (a {@code @context} member) applied on top. */
    ActiveContext with(JsonNode value) {
        if (value == null || value.isNull()) {
            return this;
        }
        Map<String, String> next = new HashMap<>(terms);
        String[] vocabHolder = {vocab};
        apply(value, next, vocabHolder);
        return new ActiveContext(Map.copyOf(next), vocabHolder[0]);
    }

    private static void apply(JsonNode value, Map<String, String> into, String[] vocab) {
        if (value.isTextual()) {
            KnownContexts.get(value.textValue()).ifPresent(into::putAll);
        } else if (value.isArray()) {
            value.forEach(v -> apply(v, into, vocab));
        } else if (value.isObject()) {
            value.properties().forEach(e -> {
                String key = e.getKey();
                JsonNode def = e.getValue();
                if (key.equals("@vocab")) {
                    vocab[0] = def.isTextual() ? def.textValue() : null;
                } else if (!key.startsWith("@")) {
                    if (def.isTextual()) {
                        into.put(key, def.textValue());
                    } else if (def.isObject() && def.path("@id").isTextual()) {
                        into.put(key, def.get("@id").textValue());
                    } else if (def.isNull()) {
                        into.remove(key);
                    }
                }
            });
        }
    }

    /**
     * The IRI (or keyword) a key or type name means here, or empty when nothing defines it.
     */
    Optional<String> expand(String key) {
        if (key.startsWith("@")) {
            return Optional.of(key);
        }
        String def = terms.get(key);
        if (def != null) {
            return Optional.of(expandCompact(def));
        }
        if (key.contains(":")) {
            String expanded = expandCompact(key);
            return expanded.equals(key) && !isAbsolute(key) ? Optional.empty() : Optional.of(expanded);
        }
        return vocab != null ? Optional.of(vocab + key) : Optional.empty();
    }

    private String expandCompact(String value) {
        if (value.startsWith("@")) {
            return value;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && !value.startsWith("//", colon + 1)) {
            String prefix = value.substring(0, colon);
            String base = terms.get(prefix);
            if (base != null && !base.equals(value)) {
                return base + value.substring(colon + 1);
            }
        }
        return value;
    }

    private static boolean isAbsolute(String value) {
        return value.startsWith("http://") || value.startsWith("https://") || value.startsWith("urn:");
    }

    /**
     * The canonical name for a key: the model's term when the key expands to an IRI the model
     * knows, {@code id}/{@code type} for those keywords, otherwise the key itself.
     */
    String canonical(String key) {
        Optional<String> iri = expand(key);
        if (iri.isEmpty()) {
            return key;
        }
        String expanded = iri.get();
        if (expanded.equals("@id")) {
            return "id";
        }
        if (expanded.equals("@type")) {
            return "type";
        }
        return Terms.termFor(expanded).orElse(key);
    }
}
