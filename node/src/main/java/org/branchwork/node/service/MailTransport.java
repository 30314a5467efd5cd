package org.branchwork.node.service;

import java.net.URI;

/**
 * The mail server, as the mail queue sends through it: one connection for a batch of mails, each
 * answered as taken, put off or refused. A port: SMTP in production ({@code mail.SmtpTransport}),
 * nothing at all when no server is configured (the queue then waits, and says so).
 */
public interface MailTransport {

    /**
     * One mail as it leaves.
     *
     * @param html        the HTML alternative of {@code text}, or null for plain text only
     * @param calendar    an iCalendar file to attach ({@code invite.ics}), or null
     * @param unsubscribe the one-click unsubscribe address for bulk mail's headers (RFC 8058), or null
     * @param messageId   the {@code Message-ID}, the same if the mail is ever sent again after a crash
     */
    record OutgoingMail(
            String to,
            String toName,
            String subject,
            String text,
            String html,
            String calendar,
            URI unsubscribe,
            String messageId) {}

    /** What the server said to one mail. */
    sealed interface Outcome {
        /** Taken for delivery. */
        record Sent() implements Outcome {}

        /** Put off (4xx): try again later. */
        record TryLater(String why) implements Outcome {}

        /**
         * Refused for good (5xx).
         *
         * @param address whether the address itself was refused (at {@code RCPT}): it bounces
         */
        record Refused(String why, boolean address) implements Outcome {}
    }

    /** The server cannot be reached or will not let us in: nothing was sent. */
    final class Unavailable extends Exception {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A connection to the server, reused for the mails of a batch. */
    interface Connection extends AutoCloseable {
        /** Sends one mail; throws when the connection broke, in which case it may not have gone. */
        Outcome send(OutgoingMail mail) throws Unavailable;

        @Override
        void close();
    }

    /** Whether a server is configured at all. */
    boolean configured();

    Connection open() throws Unavailable;
}
