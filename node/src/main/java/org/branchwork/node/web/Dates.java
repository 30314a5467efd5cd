package org.branchwork.node.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Moments as people read them on pages, in the branch's time zone ("23 Nov 2026, 14:05 GMT",
 * "BST" in summer); machine formats stay ISO 8601. Events keep their own zone (EventPages).
 */
public final class Dates {

    private final ZoneId zone;
    private final DateTimeFormatter shown;

    public Dates(ZoneId zone) {
        this.zone = zone;
        this.shown =
                DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm zzz", Locale.UK).withZone(zone);
    }

    /** The branch's time zone, where a new event starts unless the organiser picks another. */
    public ZoneId zone() {
        return zone;
    }

    public String shown(Instant at) {
        return shown.format(at);
    }
}
