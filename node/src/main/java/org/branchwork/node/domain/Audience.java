package org.branchwork.node.domain;

import java.time.Instant;
import java.util.List;

/**
 * Whom a mailing is for, as the organiser chose it: members with any of the tags, whose postcode
 * starts with any of the prefixes, who joined on or after a day, who answered an event. Empty
 * lists and nulls mean "anyone"; the parts narrow together. Consent for the mailing's purpose, a
 * usable address and not bouncing are required on top, always.
 */
public record Audience(List<String> tags, List<String> postcodes, Instant joinedSince, EventId event) {

    public static final Audience EVERYONE = new Audience(List.of(), List.of(), null, null);

    public Audience {
        tags = tags == null ? List.of() : List.copyOf(tags);
        postcodes = postcodes == null ? List.of() : List.copyOf(postcodes);
    }

    public boolean everyone() {
        return tags.isEmpty() && postcodes.isEmpty() && joinedSince == null && event == null;
    }
}
