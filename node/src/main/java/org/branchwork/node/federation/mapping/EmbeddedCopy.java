package org.branchwork.node.federation.mapping;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An activity's embedded object exactly as it was received. The vocabulary types keep what they
 * understand; this keeps the rest, for the two readers that need the exact JSON: an owner's
 * FEP-8b32 proof (signed over these very bytes' JSON) and the project's {@code bw:} terms, which
 * this package reads into typed records ({@link GoalReport}). Handlers never read it themselves.
 */
public final class EmbeddedCopy {

    private static final EmbeddedCopy NONE = new EmbeddedCopy(null);

    private final JsonNode json;

    private EmbeddedCopy(JsonNode json) {
        this.json = json;
    }

    /** The {@code object} of an activity document, when it is embedded (an object, not an IRI). */
    public static EmbeddedCopy objectOf(JsonNode document) {
        JsonNode object = document == null ? null : document.get("object");
        return object != null && object.isObject() ? new EmbeddedCopy(object) : NONE;
    }

    /** No copy: the object was fetched from its origin, or named by its id only. */
    public static EmbeddedCopy none() {
        return NONE;
    }

    public boolean present() {
        return json != null;
    }

    /** The JSON, for proof checks and for keeping an owner-signed copy to relay. */
    public Optional<JsonNode> json() {
        return Optional.ofNullable(json);
    }
}
