package org.branchwork.protocol.jsonld;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Tolerant conversions from JSON values, as real peers send them. */
final class JsonValues {

    private JsonValues() {}

    /** The value as a list: an array's elements, a single value as one element, absent or null as none. */
    /**
     * The most values one property may hold (tags, attachments, addressees...): a signed peer once
     * sent a Note with 100,000 tags, all of them stored. No real payload comes near it.
     */
    static final int MAX_VALUES = 1000;

    static List<JsonNode> many(JsonNode node) {
        List<JsonNode> out = new ArrayList<>();
        if (node == null || node.isNull() || node.isMissingNode()) {
            return out;
        }
        if (node.isArray() && node.size() > MAX_VALUES) {
            throw new Refusal("a property holds " + node.size() + " values; at most " + MAX_VALUES + " are read");
        }
        if (node.isArray()) {
            node.forEach(n -> {
                if (!n.isNull()) {
                    out.add(n);
                }
            });
        } else {
            out.add(node);
        }
        return out;
    }

    /** The first of several values, or the value itself. */
    static JsonNode one(JsonNode node) {
        List<JsonNode> all = many(node);
        return all.isEmpty() ? null : all.get(0);
    }

    static String text(JsonNode node) {
        JsonNode n = one(node);
        return n != null && n.isValueNode() ? n.asText() : null;
    }

    /** An IRI from a string, or from an object's {@code id} / a link's {@code href}. */
    static URI uri(JsonNode node) {
        JsonNode n = one(node);
        if (n == null) {
            return null;
        }
        if (n.isObject()) {
            n = n.has("id") ? n.get("id") : n.get("href");
        }
        return n != null && n.isTextual() ? parseUri(n.textValue()) : null;
    }

    /** The longest IRI read (the node stores IRIs in columns of this size); a longer one is no IRI. */
    static final int MAX_IRI = 2048;

    static URI parseUri(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_IRI) {
            return null;
        }
        try {
            return org.branchwork.protocol.vocab.Origins.canonical(new URI(text.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    static List<URI> uris(JsonNode node) {
        List<URI> out = new ArrayList<>();
        for (JsonNode n : many(node)) {
            URI u = uri(n);
            if (u != null) {
                out.add(u);
            }
        }
        return out;
    }

    /** ISO 8601 with an offset or {@code Z}; a time without one is taken as UTC (some peers omit it). */
    static Instant instant(JsonNode node) {
        String text = text(node);
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static Integer integer(JsonNode node) {
        JsonNode n = one(node);
        if (n == null) {
            return null;
        }
        if (n.isIntegralNumber() && n.canConvertToInt()) {
            return n.intValue();
        }
        if (n.isTextual()) {
            try {
                return Integer.valueOf(n.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Long longValue(JsonNode node) {
        JsonNode n = one(node);
        return n != null && n.isIntegralNumber() && n.canConvertToLong() ? n.longValue() : null;
    }

    static Double decimal(JsonNode node) {
        JsonNode n = one(node);
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return n.doubleValue();
        }
        if (n.isTextual()) {
            try {
                return Double.valueOf(n.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    static Boolean bool(JsonNode node) {
        JsonNode n = one(node);
        if (n == null) {
            return null;
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        return n.isTextual() ? Boolean.valueOf(n.textValue().strip()) : null;
    }
}
