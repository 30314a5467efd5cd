package org.branchwork.protocol.vocab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The properties of a document that the typed model does not name, kept so that nothing a peer
 * sent is lost and a caller can still reach it. Immutable; equal when the JSON is equal.
 */
public final class Extensions {

    public static final Extensions NONE = new Extensions(JsonNodeFactory.instance.objectNode());

    private final ObjectNode values;

    private Extensions(ObjectNode values) {
        this.values = values;
    }

    /** Wraps a copy of the given properties. */
    public static Extensions of(ObjectNode values) {
        return values.isEmpty() ? NONE : new Extensions(values.deepCopy());
    }

    public List<String> names() {
        List<String> names = new ArrayList<>();
        values.fieldNames().forEachRemaining(names::add);
        return names;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The raw JSON of a property, for callers that understand it. */
    public Optional<JsonNode> get(String name) {
        return Optional.ofNullable(values.get(name)).map(JsonNode::deepCopy);
    }

    /** A property's text, when it is a string. */
    public Optional<String> text(String name) {
        JsonNode v = values.get(name);
        return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
    }

    /** A copy of all properties, for writers. */
    public ObjectNode toJson() {
        return values.deepCopy();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extensions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Extensions" + values;
    }
}
