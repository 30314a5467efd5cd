package org.branchwork.node.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What kind of event it is, in organisers' words. On the wire each maps onto the nearest of
 * Mobilizon's fixed categories (which has no "rally" or "canvassing") and travels as a hashtag too,
 * so another Branchwork node reads back the exact one.
 */
public enum EventCategory {
    RALLY("MOVEMENTS_POLITICS"),
    MEETING("MEETING"),
    CANVASSING("MOVEMENTS_POLITICS"),
    SOCIAL("COMMUNITY"),
    CONSULTATION("MEETING"),
    TRAINING("LEARNING");

    private final String mobilizon;

    EventCategory(String mobilizon) {
        this.mobilizon = mobilizon;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Mobilizon's category for this one. */
    public String mobilizon() {
        return mobilizon;
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public static Optional<EventCategory> fromCode(String code) {
        for (EventCategory c : values()) {
            if (c.code().equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
