package org.branchwork.protocol.vocab;

import java.util.Optional;

/** The activity types the model names; any other activity reads as {@link #OTHER} with its type kept in the core. */
public enum ActivityType {
    CREATE,
    UPDATE,
    DELETE,
    FOLLOW,
    ACCEPT,
    REJECT,
    UNDO,
    ANNOUNCE,
    LIKE,
    DISLIKE,
    JOIN,
    LEAVE,
    ADD,
    REMOVE,
    FLAG,
    BLOCK,
    MOVE,
    INVITE,
    OTHER;

    /** The term as written in documents, e.g. {@code Create}. */
    public String term() {
        return name().charAt(0) + name().substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<ActivityType> fromTerm(String term) {
        for (ActivityType t : values()) {
            if (t != OTHER && t.term().equals(term)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
