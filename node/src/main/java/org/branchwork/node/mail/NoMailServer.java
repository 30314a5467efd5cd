package org.branchwork.node.mail;

import org.branchwork.node.service.MailTransport;

/** No SMTP server configured: the queue keeps its mail until one is, and the pages say so. */
public final class NoMailServer implements MailTransport {

    @Override
    public boolean configured() {
        return false;
    }

    @Override
    public Connection open() throws Unavailable {
        throw new Unavailable("no SMTP server is configured", null);
    }
}
