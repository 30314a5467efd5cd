package org.branchwork.node.web.pages;

import java.util.List;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Role;
import org.branchwork.node.federation.FollowService;
import org.branchwork.node.service.AuditLog;
import org.branchwork.node.service.Fediverse;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.FollowingView;

/**
 * {@code /admin/following}: the branch follows another branch, national, or any fediverse actor
 * by handle or URL. The handle is looked up first and the admin sees whom it names before the
 * branch follows it (a typo could name someone else); follows are listed by name with where they
 * stand, and each can be undone.
 */
public final class FollowPages implements HttpService {

    private final FollowService follows;
    private final Fediverse fediverse;
    private final AuditLog audit;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public FollowPages(
            FollowService follows, Fediverse fediverse, AuditLog audit, Sessions sessions, Csrf csrf, Pages pages) {
        this.follows = follows;
        this.fediverse = fediverse;
        this.audit = audit;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/following", this::list)
                .post("/following/look-up", this::lookUp)
                .post("/following", this::follow)
                .post("/following/remove", this::unfollow);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ADMIN, pages);
        viewer.ifPresent(v -> render(
                res, Status.OK_200, v, "", null, req.query().first("notice").orElse(null), null));
    }

    /** Looks the handle up (a POST: it makes the node fetch, which a link must not trigger). */
    private void lookUp(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        String target = Forms.field(posted.get().form(), "target").strip();
        switch (follows.lookUp(target)) {
            case FollowService.Lookup.Found found -> {
                String name = found.name() == null || found.name().isBlank()
                        ? Fediverse.handleLike(found.id())
                        : found.name();
                render(
                        res,
                        Status.OK_200,
                        posted.get().viewer(),
                        target,
                        new FollowingView.Preview(
                                name,
                                Fediverse.handleLike(found.id()),
                                kind(found.type()),
                                found.id().toString()),
                        null,
                        null);
            }
            case FollowService.Lookup.NotFound notFound ->
                render(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        posted.get().viewer(),
                        target,
                        null,
                        null,
                        target.isEmpty()
                                ? "Type a handle such as @national@example.org, or a profile's address."
                                : "Could not find " + target + ": "
                                        + notFound.why().detail());
        }
    }

    private void follow(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        String actor = Forms.field(posted.get().form(), "actor");
        switch (follows.followOnce(actor)) {
            case FollowService.Result.Requested r -> {
                audit.record(
                        posted.get().viewer().acting(),
                        "branch.followed",
                        null,
                        r.following().actor().toString());
                Pages.redirect(
                        res,
                        "/admin/following?notice="
                                + java.net.URLEncoder.encode(
                                        "Asked to follow "
                                                + fediverse.label(r.following().actor())
                                                + ": it shows as waiting until it answers.",
                                        java.nio.charset.StandardCharsets.UTF_8));
            }
            case FollowService.Result.Failed f ->
                render(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        posted.get().viewer(),
                        actor,
                        null,
                        null,
                        "Could not follow " + actor + ": " + f.detail());
        }
    }

    private void unfollow(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        String actor = Forms.field(posted.get().form(), "actor");
        if (!follows.unfollow(actor)) {
            render(
                    res,
                    Status.UNPROCESSABLE_CONTENT_422,
                    posted.get().viewer(),
                    "",
                    null,
                    null,
                    "The branch does not follow " + actor + ".");
            return;
        }
        audit.record(posted.get().viewer().acting(), "branch.unfollowed", null, actor);
        Pages.redirect(res, "/admin/following?notice=Unfollowed:+it+is+told,+and+its+posts+stop+arriving.");
    }

    private void render(
            ServerResponse res,
            Status status,
            Viewer v,
            String target,
            FollowingView.Preview preview,
            String notice,
            String error) {
        List<FollowingView.Followed> following = follows.following().stream()
                .map(f -> new FollowingView.Followed(
                        fediverse.label(f.actor()), f.actor().toString(), state(f.state())))
                .toList();
        pages.render(
                res,
                status,
                Optional.of(v),
                "admin/following",
                new FollowingView("Following", v.csrf(), following, target, preview, notice, error));
    }

    private static String state(String state) {
        return switch (state) {
            case "accepted" -> "following";
            case "rejected" -> "refused the follow";
            default -> "waiting for an answer";
        };
    }

    /** ActivityStreams actor types in words. */
    private static String kind(String type) {
        return switch (type == null ? "" : type) {
            case "Group" -> "a group (a branch, or a Mobilizon or Lemmy group)";
            case "Person" -> "a person";
            case "Organization" -> "an organisation";
            case "Service", "Application" -> "an automated account";
            default -> "a fediverse account";
        };
    }
}
