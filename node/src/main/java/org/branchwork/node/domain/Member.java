package org.branchwork.node.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A local account and the personal data the branch keeps about them. None of it leaves the node;
 * the password hash is not part of this record and stays inside the members store. Absent
 * optional values are empty strings; {@code emailConfirmedAt} is null until the address is confirmed.
 */
public record Member(
        MemberId id,
        String email,
        String displayName,
        String postcode,
        String phone,
        boolean contactConsent,
        Role role,
        Instant createdAt,
        Instant emailConfirmedAt,
        String source) {
    public Member {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(postcode, "postcode");
        Objects.requireNonNull(phone, "phone");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(source, "source");
    }

    public boolean emailConfirmed() {
        return emailConfirmedAt != null;
    }
}
