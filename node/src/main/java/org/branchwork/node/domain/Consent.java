package org.branchwork.node.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One grant or withdrawal of a member's consent to be contacted for a purpose: when, how, in
 * which wording (the join form's version) and, for an organiser's change, by whom. The latest per
 * purpose stands; the earlier ones are its history.
 */
public record Consent(Purpose purpose, boolean granted, How how, String wording, MemberId by, Instant at) {

    public Consent {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(how, "how");
        Objects.requireNonNull(at, "at");
    }

    /** What the member may be mailed about. */
    public enum Purpose {
        /** The branch's own news, events and campaigns. */
        BRANCH,
        /** National's messages, which the branch mails under its own name. */
        NATIONAL;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Purpose fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** How the consent was given or withdrawn. */
    public enum How {
        JOIN_FORM,
        OWN_CHANGE,
        ORGANISER,
        IMPORT,
        /** The unsubscribe link or button in a mail (RFC 8058 one-click included). */
        UNSUBSCRIBE_LINK,
        BEFORE_HISTORY;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static How fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
