package org.branchwork.node.domain;

import java.util.Locale;
import java.util.Optional;

/** How people join an event: {@code FREE} (accepted while places remain) or {@code RESTRICTED} (an organiser approves). */
public enum JoinMode {
    FREE,
    RESTRICTED;

    /** The word on the wire and in the API ({@code free}, {@code restricted}), as Mobilizon writes it. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<JoinMode> fromCode(String code) {
        for (JoinMode m : values()) {
            if (m.code().equals(code)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
