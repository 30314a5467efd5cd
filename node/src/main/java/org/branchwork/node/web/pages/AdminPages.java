package org.branchwork.node.web.pages;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.federation.FollowService;
import org.branchwork.node.federation.inbound.handlers.FollowHandlers;
import org.branchwork.node.federation.outbound.DeliveryQueueService;
import org.branchwork.node.service.AuditLog;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.MemberService;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.AdminView;

/**
 * {@code /admin}: what the branch follows and who follows it, follow requests waiting for
 * approval, the delivery queue with its dead letters (requeue), the audit log; and the role form's
 * target. Admins only.
 */
public final class AdminPages implements HttpService {

    private static final int SHOWN = 200;

    private final FollowService follows;
    private final FollowHandlers followRequests;
    private final DeliveryQueueService queue;
    private final MemberService members;
    private final AuditLog audit;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public AdminPages(FollowService follows, FollowHandlers followRequests, DeliveryQueueService queue, MemberService members,
                      AuditLog audit, Sessions sessions, Csrf csrf, Pages pages) {
        this.follows = follows;
        this.followRequests = followRequests;
        this.queue = queue;
        this.members = members;
        this.audit = audit;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::overview)
                .post("/members/{id}/role", this::role)
                .post("/deliveries/requeue", this::requeue)
                .post("/follow-requests/approve", (req, res) -> decide(req, res, true))
                .post("/follow-requests/reject", (req, res) -> decide(req, res, false));
    }

    private void overview(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ADMIN, pages);
        if (viewer.isEmpty()) {
            return;
        }
        DeliveryQueueService.Overview q = queue.overview();
        var followers = follows.followers(SHOWN);
        pages.render(res, Status.OK_200, viewer, "admin/admin", new AdminView("Admin", viewer.get().csrf(),
                req.query().first("done").orElse(null),
                follows.following().stream().map(f -> new AdminView.Follow(f.actor().toString(), f.state())).toList(),
                followers.stream().map(f -> f.actor().toString()).toList(), follows.followerCount(),
                followRequests.pendingRequests().stream().map(f -> f.actor().toString()).toList(),
                q.counts().pending(), q.counts().failing(), q.counts().delivered(), q.counts().dead(),
                q.troubledHosts().stream().map(h -> new AdminView.Host(h.host(), h.unavailable(),
                        h.failingSince().map(Object::toString).orElse(""), h.lastError().orElse(""),
                        h.nextProbeAt().map(Object::toString).orElse(""))).toList(),
                q.deadLetters().stream().map(d -> new AdminView.DeadLetter(d.id(), d.inbox().toString(), d.activityId(),
                        d.error(), d.finishedAt().toString())).toList(),
                audit.recent(100, 0).stream().map(e -> new AdminView.Audit(e.at().toString(),
                        e.actorId() == null ? "API token" : "#" + e.actorId(), e.action(),
                        e.subjectId() == null ? "" : "#" + e.subjectId(), e.detail())).toList()));
    }

    private void role(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Parameters form = posted.get().form();
        Optional<MemberId> id = OrganiserPages.memberId(req);
        Role role;
        try {
            role = Role.fromCode(Forms.field(form, "role"));
        } catch (IllegalArgumentException e) {
            pages.message(res, Status.BAD_REQUEST_400, viewer, "No such role", "Choose member, organiser or admin.");
            return;
        }
        if (id.isEmpty()) {
            pages.message(res, Status.NOT_FOUND_404, viewer, "Not found", "There is no member with that number.");
            return;
        }
        List<FieldError> errors = members.setRole(viewer.get().acting(), id.get(), role);
        if (!errors.isEmpty()) {
            pages.message(res, errors.get(0).field().equals("member") ? Status.NOT_FOUND_404 : Status.CONFLICT_409, viewer,
                    "The role stays as it was", errors.get(0).message());
            return;
        }
        Pages.redirect(res, "/organise/members/" + id.get().value() + "?saved=1");
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

    private void decide(ServerRequest req, ServerResponse res, boolean approve) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Parameters form = posted.get().form();
        boolean answered;
        try {
            answered = followRequests.decide(URI.create(Forms.field(form, "actor")), approve);
        } catch (IllegalArgumentException e) {
            answered = false;
        }
        done(res, answered ? (approve ? "Follow approved." : "Follow rejected.") : "That request was answered already.");
    }

    /** Back to the admin page with a line saying what was done. */
    private static void done(ServerResponse res, String what) {
        Pages.redirect(res, "/admin?done=" + java.net.URLEncoder.encode(what, java.nio.charset.StandardCharsets.UTF_8));
    }
}
