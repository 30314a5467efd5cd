package org.branchwork.node.domain;

import java.util.Locale;

/** A member's role on their branch node; each includes the rights of the one before. */
public enum Role {
    MEMBER,
    ORGANISER,
    ADMIN;

    /** The spelling stored in the database and shown in forms. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    public boolean includes(Role other) {
        return ordinal() >= other.ordinal();
    }
}
