package org.branchwork.node;

import java.util.logging.Logger;

import org.branchwork.node.config.MailConfig;
import org.branchwork.node.config.Setting;
import org.branchwork.node.mail.NoMailServer;
import org.branchwork.node.mail.SmtpTransport;
import org.branchwork.node.service.AuditLog;
import org.branchwork.node.service.ConsentLog;
import org.branchwork.node.service.MailComposer;
import org.branchwork.node.service.MailLinks;
import org.branchwork.node.service.MailQueue;
import org.branchwork.node.service.MailTransport;
import org.branchwork.node.service.MailingService;
import org.branchwork.node.service.UnsubscribeService;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.ConsentStore;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.MailQueueStore;
import org.branchwork.node.storage.MailingStore;
import org.branchwork.node.storage.PeerPolicyStore;

/**
 * Mail to members: the queue every outgoing mail waits in (and its SMTP connection), the links in
 * mails that act without a session, the organisers' mailings and unsubscribing. Built before the
 * content so that events can queue the mails they need.
 */
record MailAssembly(MailLinks links, MailQueue queue, MailingService mailings, UnsubscribeService unsubscribes) {

    private static final Logger LOG = Logger.getLogger(MailAssembly.class.getName());

    static MailAssembly build(Foundation f) {
        AuditLog audit = new AuditLog(f.tx(), new AuditStore(), f.clock());
        PeerPolicyStore settings = new PeerPolicyStore();
        MailLinks links = new MailLinks(f.tx(), settings, f.random());
        MailQueueStore queueStore = new MailQueueStore();
        MailingStore mailingStore = new MailingStore();
        MailConfig.Queue queueSettings =
                f.config().mail().map(MailConfig::queue).orElse(MailConfig.Queue.DEFAULT);
        MailTransport transport = f.config()
                .mail()
                .<MailTransport>map(config -> new SmtpTransport(config, f.clock()))
                .orElseGet(() -> {
                    LOG.warning(() -> "No SMTP server configured (" + Setting.SMTP_HOST.variable()
                            + "): mailings and event mails wait in the queue until one is.");
                    return new NoMailServer();
                });
        MailComposer composer = new MailComposer(
                links,
                () -> f.origin().uri(),
                () -> f.branches().current().map(b -> b.name()).orElse("Branchwork"));
        MailingService[] mailings = new MailingService[1];
        MailQueue queue = new MailQueue(
                f.tx(),
                queueStore,
                mailingStore,
                composer,
                transport,
                () -> mailings[0].postalAddress(),
                new MailQueue.Settings(
                        queueSettings.connections(), queueSettings.perHour(), queueSettings.firstRetry()),
                f.clock());
        mailings[0] = new MailingService(
                f.tx(),
                mailingStore,
                queueStore,
                new EventStore(),
                settings,
                composer,
                queue,
                audit,
                f.config().timeZone(),
                queueSettings.maxRecipients(),
                f.config().mail().flatMap(MailConfig::postalAddress).orElse(""),
                f.clock());
        UnsubscribeService unsubscribes = new UnsubscribeService(
                f.tx(),
                links,
                f.memberStore(),
                queueStore,
                new ConsentLog(f.tx(), new ConsentStore(), f.clock()),
                audit);
        return new MailAssembly(links, queue, mailings[0], unsubscribes);
    }
}
