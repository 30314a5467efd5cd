package org.branchwork.node.config;

import java.util.Optional;

/**
 * Outgoing mail through an SMTP server: where, how to authenticate, and the sender address.
 *
 * @param from the {@code From} address, with an optional display name ({@code Name <addr>})
 */
public record MailConfig(
        String host, int port, Optional<String> username, Optional<String> password, Security security, String from) {

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
        return "MailConfig[" + host + ":" + port + ", " + security + ", from " + from + "]";
    }
}
