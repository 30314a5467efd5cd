package org.branchwork.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Outgoing mail through an SMTP server: where, how to authenticate, and the sender address.
 *
 * @param from       the {@code From} address, with an optional display name ({@code Name <addr>})
 * @param returnPath the envelope sender, where bounces go (the {@code From} address if empty)
 * @param queue      how the mail queue sends: connections, rate, retries, the largest mailing
 * @param dkim       the operator's DKIM key, if mails are to be signed here rather than by the relay
 * @param postalAddress the branch's postal address for mailings' footers until an admin sets one on the mailings page
 */
public record MailConfig(
        String host,
        int port,
        Optional<String> username,
        Optional<String> password,
        Security security,
        String from,
        Optional<String> returnPath,
        Queue queue,
        Optional<Dkim> dkim,
        Optional<String> postalAddress) {

    /** Only the server and sender; the queue's defaults, no DKIM (tests and the simplest set-up). */
    public MailConfig(
            String host,
            int port,
            Optional<String> username,
            Optional<String> password,
            Security security,
            String from) {
        this(
                host,
                port,
                username,
                password,
                security,
                from,
                Optional.empty(),
                Queue.DEFAULT,
                Optional.empty(),
                Optional.empty());
    }

    /**
     * @param connections   SMTP connections sending at once
     * @param perHour       the most mails per hour, 0 for no limit (providers cap it)
     * @param firstRetry    how long a mail the server put off (4xx) waits before its second try
     * @param maxRecipients the largest mailing this node sends
     */
    public record Queue(int connections, int perHour, Duration firstRetry, int maxRecipients) {
        public static final Queue DEFAULT = new Queue(2, 0, Duration.ofMinutes(2), 250_000);
    }

    /** A DKIM key (PKCS#8, PEM or DER) and the selector and domain its public half is published under. */
    public record Dkim(Path key, String selector, Optional<String> domain) {}

    /** How the connection to the SMTP server is protected. */
    public enum Security {
        /** Plain connection upgraded with STARTTLS, required (port 587). */
        STARTTLS,
        /** TLS from the first byte (port 465). */
        TLS,
        /** No protection: only for a server on the same host or in tests. */
        NONE
    }

    @Override
    public String toString() {
        // Keeps the password out of logs and exception messages.
        return "MailConfig[" + host + ":" + port + ", " + security + ", from " + from + ", " + queue + "]";
    }
}
