package org.branchwork.node.service;

/** Sends a plain-text mail. A port: SMTP in production, the log when no SMTP server is configured. */
public interface Mailer {

    /** One outgoing mail. */
    record Mail(String to, String subject, String text) {}

    /** Sends it now; throws {@link MailFailure} when the server would not take it. */
    void send(Mail mail);

    /** The mail server refused or could not be reached. */
    final class MailFailure extends RuntimeException {
        public MailFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
