package org.branchwork.node.domain;

import java.util.Objects;

/**
 * What a member, an import row or an API call gives: the editable personal fields, already
 * normalised (trimmed, email lower-cased, postcode upper-cased) by {@code MemberValidation}.
 */
public record MemberDetails(String displayName, String email, String postcode, String phone, boolean contactConsent) {
    public MemberDetails {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(postcode, "postcode");
        Objects.requireNonNull(phone, "phone");
    }
}
