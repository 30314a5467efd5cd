package org.branchwork.protocol.jsonld;

import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Rewrites a document so that every key, and every {@code type} value, is the model's canonical
 * term: {@code as:content}, an aliased {@code body} defined as {@code as:content} and
 * {@code https://www.w3.org/ns/activitystreams#content} all become {@code content}. Nested
 * {@code @context}s apply to their subtree. Keys the model does not know stay as written.
 */
final class Normalizer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Normalizer() {}

    static JsonNode normalize(JsonNode node, ActiveContext context) {
        return normalize(node, context, ContextCache.NONE);
    }

    static JsonNode normalize(JsonNode node, ActiveContext context, ContextCache cache) {
        if (node.isObject()) {
            ActiveContext active = node.has("@context") ? cache.apply(context, node.get("@context")) : context;
            ObjectNode out = NODES.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("@context")) {
                    continue;
                }
                String key = active.canonical(field.getKey());
                JsonNode value = key.equals("type")
                        ? types(field.getValue(), active)
                        : normalize(field.getValue(), active, cache);
                // A document that says the same thing twice (as:content and content) keeps the first.
                out.putIfAbsent(key, value);
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = NODES.arrayNode();
            node.forEach(item -> out.add(normalize(item, context, cache)));
            return out;
        }
        return node;
    }

    private static JsonNode types(JsonNode value, ActiveContext context) {
        if (value.isTextual()) {
            return TextNode.valueOf(context.canonical(value.textValue()));
        }
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            value.forEach(v -> out.add(v.isTextual() ? TextNode.valueOf(context.canonical(v.textValue())) : v));
            return out;
        }
        return value;
    }
}
