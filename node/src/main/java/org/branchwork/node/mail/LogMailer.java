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
        // The address stays out of the log (logs are kept and shipped where member data must not
        // go); the domain is enough to tell mails apart. The text, its link included, is the point
        // of this mailer on a fresh install: configure SMTP before members join in earnest.
        LOG.info(() -> "Mail (no SMTP server configured) to a member at " + domainOf(mail.to()) + ": " + mail.subject()
                + "\n" + mail.text());
    }

    static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "(no address)" : "***" + address.substring(at);
    }
}
