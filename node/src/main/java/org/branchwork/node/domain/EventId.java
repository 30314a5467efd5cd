package org.branchwork.node.domain;

import java.util.UUID;

/** The id of an event: a UUID, which also forms its public IRI. */
public record EventId(String value) {

    public static EventId random() {
        return new EventId(UUID.randomUUID().toString());
    }

    /** Parses an id from a URL segment; throws {@link IllegalArgumentException} for anything but a UUID. */
    public static EventId parse(String text) {
        return new EventId(UUID.fromString(text).toString());
    }
}
