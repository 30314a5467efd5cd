package org.branchwork.node.mail;

import java.util.logging.Logger;

import org.branchwork.node.service.Mailer;

/**
 * Without an SMTP server, account mails (join confirmations, password resets) cannot go; the log
 * says that one was not sent, to which domain and with which subject, so that the operator sees
 * why a member waits. Never the address or the text: logs are kept and shipped where member data
 * and sign-in links must not go.
 */
public final class LogMailer implements Mailer {

    private static final Logger LOG = Logger.getLogger(LogMailer.class.getName());

    @Override
    public void send(Mail mail) {
        LOG.warning(() -> "Mail not sent (no SMTP server configured) to a member at " + domainOf(mail.to()) + ": "
                + mail.subject());
    }

    static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? "(no address)" : "***" + address.substring(at);
    }
}
