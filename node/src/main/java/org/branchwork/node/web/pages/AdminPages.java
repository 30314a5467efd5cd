package org.branchwork.node.web.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.AuditEvent;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.federation.DeliveryQueueService;
import org.branchwork.node.federation.FollowService;
import org.branchwork.node.federation.InboxDeadLetters;
import org.branchwork.node.service.AuditLog;
import org.branchwork.node.service.MemberService;
import org.branchwork.node.service.NodeSettingsService;
import org.branchwork.node.service.PeerPolicy;
import org.branchwork.node.storage.PeerPolicyStore.PolicyList;
import org.branchwork.node.web.AuditWords;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.AdminView;

/**
 * {@code /admin}: what the branch follows and who follows it, follow requests waiting for
 * approval, the delivery queue with its dead letters (requeue), the audit log. Admins only.
 */
public final class AdminPages implements HttpService {

    private static final int SHOWN = 200;
    private static final int AUDIT_PAGE = 50;

    private final FollowService follows;
    private final MemberService members;
    private final org.branchwork.node.service.Fediverse fediverse;
    private final DeliveryQueueService queue;
    private final NodeSettingsService settings;
    private final AuditLog audit;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    private final InboxDeadLetters inbox;

    public AdminPages(
            FollowService follows,
            org.branchwork.node.service.Fediverse fediverse,
            MemberService members,
            DeliveryQueueService queue,
            InboxDeadLetters inbox,
            NodeSettingsService settings,
            AuditLog audit,
            Sessions sessions,
            Csrf csrf,
            Pages pages) {
        this.inbox = inbox;
        this.follows = follows;
        this.fediverse = fediverse;
        this.members = members;
        this.queue = queue;
        this.settings = settings;
        this.audit = audit;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::overview)
                .post("/deliveries/requeue", this::requeue)
                .post("/inbox/requeue", this::requeueInbox)
                .post("/settings/federation", this::federationSettings)
                .post("/settings/lists/add", (req, res) -> listEntry(req, res, true))
                .post("/settings/lists/remove", (req, res) -> listEntry(req, res, false))
                .post("/follow-requests/approve", (req, res) -> decide(req, res, true))
                .post("/follow-requests/reject", (req, res) -> decide(req, res, false));
    }

    private void overview(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ADMIN, pages);
        if (viewer.isEmpty()) {
            return;
        }
        DeliveryQueueService.Overview q = queue.overview();
        NodeSettingsService.Settings current = settings.current(viewer.get().acting());
        int auditPage = auditPage(req);
        var auditEntries =
                audit.recent(AUDIT_PAGE + 1, org.branchwork.node.domain.PageNumber.offset(auditPage, AUDIT_PAGE));
        var followers = follows.followers(SHOWN);
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "admin/admin",
                new AdminView(
                        "Admin",
                        viewer.get().csrf(),
                        req.query().first("done").orElse(null),
                        follows.following().stream()
                                .map(f -> new AdminView.Follow(fediverse.label(f.actor()), f.state()))
                                .toList(),
                        followers.stream().map(f -> fediverse.label(f.actor())).toList(),
                        follows.followerCount(),
                        follows.pending().stream()
                                .map(f -> new AdminView.Request(
                                        fediverse.label(f.actor()), f.actor().toString()))
                                .toList(),
                        q.counts().pending(),
                        q.counts().failing(),
                        q.counts().delivered(),
                        q.counts().dead(),
                        q.troubledHosts().stream()
                                .map(h -> new AdminView.Host(
                                        h.host(),
                                        h.unavailable(),
                                        h.failingSince().map(Object::toString).orElse(""),
                                        h.lastError().orElse(""),
                                        h.nextProbeAt().map(Object::toString).orElse("")))
                                .toList(),
                        q.deadLetters().stream()
                                .map(d -> new AdminView.DeadLetter(
                                        d.id(),
                                        d.inbox().toString(),
                                        d.activityId(),
                                        d.error(),
                                        pages.dates().shown(d.finishedAt())))
                                .toList(),
                        inbox.list(SHOWN).stream()
                                .map(d -> new AdminView.InboxDeadLetter(
                                        d.activityId(),
                                        d.type(),
                                        d.actor(),
                                        d.attempts(),
                                        d.error(),
                                        pages.dates().shown(d.lastTried())))
                                .toList(),
                        auditRows(
                                viewer.get(),
                                auditEntries.stream().limit(AUDIT_PAGE).toList()),
                        auditPage > 1 ? "/admin?audit=" + (auditPage - 1) + "#audit-heading" : null,
                        auditEntries.size() > AUDIT_PAGE ? "/admin?audit=" + (auditPage + 1) + "#audit-heading" : null,
                        new AdminView.Settings(
                                current.mode() == PeerPolicy.Mode.ALLOWLIST,
                                current.manualApproval(),
                                current.domainBlocks(),
                                current.actorBlocks(),
                                current.allowedDomains())));
    }

    private void federationSettings(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Parameters form = posted.get().form();
        String mode = Forms.field(form, "mode");
        String approval = Forms.field(form, "approval");
        if (!(mode.equals("open") || mode.equals("allowlist"))
                || !(approval.equals("auto") || approval.equals("manual"))) {
            pages.message(
                    res,
                    Status.BAD_REQUEST_400,
                    viewer,
                    "Settings not changed",
                    "Choose open or allow-list federation, and automatic or manual follow approval.");
            return;
        }
        settings.setMode(viewer.get().acting(), mode.equals("open") ? PeerPolicy.Mode.OPEN : PeerPolicy.Mode.ALLOWLIST);
        settings.setManualApproval(viewer.get().acting(), approval.equals("manual"));
        done(res, "Settings saved.");
    }

    private void listEntry(ServerRequest req, ServerResponse res, boolean add) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Parameters form = posted.get().form();
        PolicyList list = switch (Forms.field(form, "list")) {
            case "domain-block" -> PolicyList.DOMAIN_BLOCK;
            case "actor-block" -> PolicyList.ACTOR_BLOCK;
            case "allowed-domain" -> PolicyList.ALLOWED_DOMAIN;
            default -> null;
        };
        if (list == null) {
            pages.message(res, Status.BAD_REQUEST_400, viewer, "Settings not changed", "There is no such list.");
            return;
        }
        String value = Forms.field(form, "value");
        try {
            if (add) {
                settings.add(viewer.get().acting(), list, value);
            } else {
                settings.remove(viewer.get().acting(), list, value);
            }
        } catch (IllegalArgumentException e) {
            pages.message(res, Status.UNPROCESSABLE_CONTENT_422, viewer, "Settings not changed", e.getMessage());
            return;
        }
        done(res, "Settings saved.");
    }

    private void requeue(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Parameters form = posted.get().form();
        String id = Forms.field(form, "id");
        int n;
        if (id.isEmpty()) {
            n = queue.requeueAll();
        } else {
            try {
                n = queue.requeue(Long.parseLong(id)) ? 1 : 0;
            } catch (NumberFormatException e) {
                n = 0;
            }
        }
        done(res, n + " dead letters requeued.");
    }

    /** Received activities whose handling ran out of attempts: one ({@code id}) or all handled again now. */
    private void requeueInbox(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        String id = Forms.field(posted.get().form(), "id");
        int n = inbox.requeue(id.isEmpty() ? null : id);
        audit.record(posted.get().viewer().acting(), "inbox.requeued", null, id.isEmpty() ? "all: " + n : id);
        done(res, n + " received activities will be handled again.");
    }

    private void decide(ServerRequest req, ServerResponse res, boolean approve) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Parameters form = posted.get().form();
        boolean answered;
        try {
            answered = follows.decide(URI.create(Forms.field(form, "actor")), approve);
        } catch (IllegalArgumentException e) {
            answered = false;
        }
        done(
                res,
                answered ? (approve ? "Follow approved." : "Follow rejected.") : "That request was answered already.");
    }

    /** Back to the admin page with a line saying what was done. */
    /** Entries with people by their current names (a former member by number) and actions in words. */
    private List<AdminView.Audit> auditRows(Viewer v, List<AuditEvent> entries) {
        List<MemberId> ids = new ArrayList<>();
        entries.forEach(e -> {
            Optional.ofNullable(e.actorId()).map(MemberId::new).ifPresent(ids::add);
            Optional.ofNullable(e.subjectId()).map(MemberId::new).ifPresent(ids::add);
        });
        Map<MemberId, String> names = members.names(v.acting(), ids);
        return entries.stream()
                .map(e -> new AdminView.Audit(
                        pages.dates().shown(e.at()),
                        e.actorId() == null ? "The API token" : person(names, e.actorId()),
                        AuditWords.of(e.action()),
                        e.subjectId() == null ? "" : person(names, e.subjectId()),
                        e.detail()))
                .toList();
    }

    private static String person(Map<MemberId, String> names, long id) {
        String name = names.get(new MemberId(id));
        return name == null ? "a former member (number " + id + ")" : name + " (number " + id + ")";
    }

    private static int auditPage(ServerRequest req) {
        return org.branchwork.node.domain.PageNumber.parse(
                req.query().first("audit").orElse("1"));
    }

    private static void done(ServerResponse res, String what) {
        Pages.redirect(res, "/admin?done=" + java.net.URLEncoder.encode(what, java.nio.charset.StandardCharsets.UTF_8));
    }
}
