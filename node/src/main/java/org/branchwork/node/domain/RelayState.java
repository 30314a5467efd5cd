package org.branchwork.node.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * Where a broadcast stands at one branch. {@code DELIVERED} is the sender's own word for a
 * follower that has not answered yet; the others are what a branch reports: it has the broadcast
 * in its organisers' queue, approved or declined it, is mailing it, or has mailed it all.
 */
public enum RelayState {
    DELIVERED,
    RECEIVED,
    APPROVED,
    DECLINED,
    SENDING,
    SENT;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A state a branch may report (anything but {@code delivered}), read from the wire. */
    public static Optional<RelayState> reported(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (RelayState s : values()) {
            if (s != DELIVERED && s.code().equals(code)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static RelayState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
