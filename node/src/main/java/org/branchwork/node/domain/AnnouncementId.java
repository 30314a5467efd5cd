package org.branchwork.node.domain;

import java.util.UUID;

/** The id of an announcement: a UUID, which also forms its public IRI. */
public record AnnouncementId(String value) {

    public static AnnouncementId random() {
        return new AnnouncementId(UUID.randomUUID().toString());
    }

    /** Parses an id from a URL segment; throws {@link IllegalArgumentException} for anything but a UUID. */
    public static AnnouncementId parse(String text) {
        return new AnnouncementId(UUID.fromString(text).toString());
    }
}
