package org.branchwork.node.domain;

import java.util.UUID;

/** The id of a national broadcast this node wrote: a UUID, which also forms its public IRI. */
public record BroadcastId(String value) {

    public static BroadcastId random() {
        return new BroadcastId(UUID.randomUUID().toString());
    }

    /** Parses an id from a URL segment; throws {@link IllegalArgumentException} for anything but a UUID. */
    public static BroadcastId parse(String text) {
        return new BroadcastId(UUID.fromString(text).toString());
    }
}
