package org.branchwork.node;

import java.util.logging.Logger;

import org.branchwork.node.config.Setting;
import org.branchwork.node.mail.LogMailer;
import org.branchwork.node.mail.SmtpMailer;
import org.branchwork.node.service.AccountService;
import org.branchwork.node.service.AttendanceService;
import org.branchwork.node.service.AuditLog;
import org.branchwork.node.service.ConsentLog;
import org.branchwork.node.service.LoginThrottle;
import org.branchwork.node.service.Mailer;
import org.branchwork.node.service.MemberErasure;
import org.branchwork.node.service.MemberExport;
import org.branchwork.node.service.MemberImportService;
import org.branchwork.node.service.MemberService;
import org.branchwork.node.service.NodeSettingsService;
import org.branchwork.node.service.SessionService;
import org.branchwork.node.storage.AttendanceStore;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.ConsentStore;
import org.branchwork.node.storage.EmailTokenStore;
import org.branchwork.node.storage.ErasureCompactor;
import org.branchwork.node.storage.MemberImportStore;
import org.branchwork.node.storage.SessionStore;

/**
 * The branch's members: accounts and sessions, the member records and imports, the audit log,
 * node settings, and erasure (an erased member's RSVPs to events still to come free their places;
 * those to past events stay, naming nobody; their profile, subscriptions and sent RSVPs go, and the
 * database files are compacted after).
 */
record MembersAssembly(
        AuditLog audit,
        NodeSettingsService nodeSettings,
        SessionService sessions,
        AccountService accounts,
        MemberService members,
        AttendanceService checkIn,
        MemberExport export,
        MemberErasure erasure,
        MemberImportService imports,
        ErasureCompactor compactor) {

    private static final Logger LOG = Logger.getLogger(MembersAssembly.class.getName());

    static MembersAssembly build(Foundation f, FederationAssembly fed, ContentAssembly content) {
        AuditLog audit = new AuditLog(f.tx(), new AuditStore(), f.clock());
        NodeSettingsService nodeSettings = new NodeSettingsService(fed.peerPolicy(), audit, f.tx());
        SessionService sessions =
                new SessionService(f.tx(), new SessionStore(), f.memberStore(), f.random(), f.clock());
        Mailer mailer = f.config().mail().<Mailer>map(SmtpMailer::new).orElseGet(() -> {
            LOG.warning(() -> "No SMTP server configured (" + Setting.SMTP_HOST.variable()
                    + "): account mails cannot be sent; this log names each one that was not.");
            return new LogMailer();
        });
        ConsentLog consents = new ConsentLog(f.tx(), new ConsentStore(), f.clock());
        AccountService accounts = new AccountService(
                f.tx(),
                f.memberStore(),
                new EmailTokenStore(),
                f.hasher(),
                sessions,
                new LoginThrottle(f.clock(), f.config().signInsPerAddress()),
                mailer,
                audit,
                consents,
                () -> f.origin().uri().toString(),
                () -> f.branches().current().map(b -> b.name()).orElse("Branchwork"),
                f.random(),
                f.clock());
        ErasureCompactor compactor = new ErasureCompactor(f.database(), ErasureCompactor.DELAY);
        MemberService members = new MemberService(f.tx(), f.memberStore(), sessions, audit, f.clock(), consents);
        MemberErasure erasure = new MemberErasure(
                f.tx(),
                f.memberStore(),
                audit,
                (c, m) -> {
                    content.attendance().memberErased(c, m);
                    f.profileStore().delete(c, m);
                    content.outgoingRsvps().forget(c, m);
                    content.subscriptions().forget(c, m);
                },
                () -> {
                    compactor.erased();
                    fed.worker().wake(); // the freed places' Updates
                });
        MemberImportService imports =
                new MemberImportService(f.tx(), new MemberImportStore(), members, audit, f.clock());
        MemberExport export = new MemberExport(f.tx(), f.memberStore(), audit);
        AttendanceService checkIn = new AttendanceService(
                f.tx(),
                content.eventStore(),
                content.rsvps(),
                new AttendanceStore(),
                f.memberStore(),
                members,
                fed.outbox(),
                () -> fed.worker().wake(),
                f.clock());
        return new MembersAssembly(
                audit, nodeSettings, sessions, accounts, members, checkIn, export, erasure, imports, compactor);
    }
}
