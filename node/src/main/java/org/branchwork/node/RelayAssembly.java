package org.branchwork.node;

import org.branchwork.node.service.AuditLog;
import org.branchwork.node.service.BroadcastService;
import org.branchwork.node.service.RelayService;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.BroadcastStore;
import org.branchwork.node.storage.CampaignStore;
import org.branchwork.node.storage.ReceivedBroadcastStore;

/**
 * National broadcasts from both ends: the sender's broadcasts and the reports it hears back, and a
 * branch's queue of received broadcasts that it mails to its consenting members and reports on.
 * Built after the mail, which a branch relays through.
 */
record RelayAssembly(BroadcastService broadcasts, RelayService relay) {

    static RelayAssembly build(Foundation f, FederationAssembly fed, MailAssembly mail) {
        Runnable wake = fed.worker()::wake;
        BroadcastService broadcasts = new BroadcastService(
                f.tx(), new BroadcastStore(), new CampaignStore(), fed.followStore(), fed.outbox(), wake, f.clock());
        RelayService relay = new RelayService(
                f.tx(),
                new ReceivedBroadcastStore(),
                fed.followStore(),
                mail.mailings(),
                mail.queue(),
                fed.outbox(),
                new AuditLog(f.tx(), new AuditStore(), f.clock()),
                wake,
                f.clock());
        return new RelayAssembly(broadcasts, relay);
    }
}
