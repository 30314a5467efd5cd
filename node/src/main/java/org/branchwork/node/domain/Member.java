package org.branchwork.node.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A local account. Its email is personal data and never leaves the node; the password hash is not
 * part of this record and stays inside the members store.
 */
public record Member(MemberId id, String email, String displayName, Role role, Instant createdAt) {
    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
