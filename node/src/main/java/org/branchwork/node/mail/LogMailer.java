package org.branchwork.node.mail;

import java.util.logging.Logger;

import org.branchwork.node.service.Mailer;

/**
 * Without an SMTP server, mails go to the node's log so that a fresh install (or the local demo)
 * can still confirm its first members. The operator is told so at start-up.
 */
public final class LogMailer implements Mailer {

    private static final Logger LOG = Logger.getLogger(LogMailer.class.getName());

    @Override
    public void send(Mail mail) {
        LOG.info(() -> "Mail (no SMTP server configured) to " + mail.to() + ": " + mail.subject() + "\n" + mail.text());
    }
}
