package org.branchwork.node.domain;

import java.util.Locale;

/**
 * What a queued mail is. Bulk mail (a mailing, its test, a relayed broadcast) needs consent and
 * carries the unsubscribe headers; the mails an event needs go to whoever answered it, need no
 * marketing consent, and are never used for anything else; so do a consultation's invitation and
 * reminder to its electors, which carry each elector's own voting link.
 */
public enum MailKind {
    MAILING(true),
    MAILING_TEST(true),
    RSVP_CONFIRMED(false),
    RSVP_APPROVED(false),
    RSVP_REFUSED(false),
    RSVP_PROMOTED(false),
    RSVP_WAITLISTED(false),
    EVENT_CHANGED(false),
    EVENT_CANCELLED(false),
    EVENT_REMINDER(false),
    BALLOT_INVITATION(false),
    BALLOT_REMINDER(false);

    private final boolean bulk;

    MailKind(boolean bulk) {
        this.bulk = bulk;
    }

    public boolean bulk() {
        return bulk;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MailKind fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
