package org.branchwork.node.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A mail an organiser wrote to the branch's members (or a national broadcast the branch relays):
 * its subject and Markdown text, for which purpose, to whom, and how far it got.
 *
 * @param sendAt     when a scheduled mailing goes; null until it is sent or scheduled
 * @param recipients how many members it was queued for (0 until it is queued)
 * @param broadcast  the national broadcast it relays, or null for the branch's own
 */
public record Mailing(
        MailingId id,
        Consent.Purpose purpose,
        String subject,
        String markdown,
        Audience audience,
        State state,
        Instant sendAt,
        int recipients,
        MemberId createdBy,
        Instant createdAt,
        Long broadcast) {

    public Mailing {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Where a mailing is: written, waiting for its time, going out, or all handed to the mail server. */
    public enum State {
        DRAFT,
        SCHEDULED,
        SENDING,
        SENT;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static State fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    public boolean editable() {
        return state == State.DRAFT || state == State.SCHEDULED;
    }
}
