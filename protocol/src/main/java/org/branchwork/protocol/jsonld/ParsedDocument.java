package org.branchwork.protocol.jsonld;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A document parsed as JSON but not yet read as ActivityStreams: for callers that keep the tree
 * (an inbox hands it to the activity's handler, which checks an embedded object's proof on it) and
 * read it with {@link ActivityCodec#read(JsonNode)}.
 */
public sealed interface ParsedDocument {

    /** Well-formed JSON within the codec's limits. */
    record Tree(JsonNode tree) implements ParsedDocument {}

    /** Not JSON, empty, or beyond a limit (nesting depth, string or number length), and why. */
    record Refused(String reason) implements ParsedDocument {}
}
