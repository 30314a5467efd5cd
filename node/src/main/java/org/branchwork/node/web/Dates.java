package org.branchwork.node.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Moments as people read them on pages ("23 Nov 2026, 14:05 UTC"); machine formats stay ISO 8601. */
public final class Dates {

    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.UK).withZone(ZoneOffset.UTC);

    private Dates() {}

    public static String shown(Instant at) {
        return SHOWN.format(at);
    }
}
