package org.branchwork.node.web.pages;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.PublicProfile;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.ProfileService;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.FeedView;

/**
 * {@code /me/feed}: what the branches a member follows publish, newest first, with the member's
 * public profile (opt in, opt out), their subscriptions, and RSVP to other branches' events.
 */
public final class FeedPages implements HttpService {

    private final ProfileService profiles;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;
    private final java.util.function.Supplier<String> authority;

    public FeedPages(
            ProfileService profiles,
            Sessions sessions,
            Csrf csrf,
            Pages pages,
            java.util.function.Supplier<String> authority) {
        this.profiles = profiles;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
        this.authority = authority;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/feed", this::feed)
                .post("/public-profile", (req, res) -> profile(req, res, true))
                .post("/public-profile/withdraw", (req, res) -> profile(req, res, false))
                .post("/subscriptions", this::subscribe)
                .post("/subscriptions/remove", this::unsubscribe)
                .post("/rsvps", (req, res) -> rsvp(req, res, true))
                .post("/rsvps/withdraw", (req, res) -> rsvp(req, res, false));
    }

    private void feed(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.MEMBER, pages);
        viewer.ifPresent(
                v -> render(res, Status.OK_200, v, req.query().first("notice").orElse(null), null));
    }

    private void render(ServerResponse res, Status status, Viewer v, String notice, String error) {
        Optional<PublicProfile> profile = profiles.profileOf(v.member().id());
        List<FeedView.Entry> entries = profiles.feed(v.member(), 50).stream()
                .map(f -> new FeedView.Entry(
                        f.from(),
                        f.item().type(),
                        f.item().shown().name(),
                        f.item().shown().safeHtml(),
                        f.item().shown().startsAt() != null
                                ? pages.dates().shown(f.item().shown().startsAt())
                                : pages.dates().shown(f.item().receivedAt()),
                        f.item().shown().url() == null
                                ? null
                                : f.item().shown().url().toString(),
                        f.item().id().toString(),
                        f.item().type().equals("Event"),
                        f.rsvpState(),
                        f.item().type().equals("Event")
                                && profile.isPresent()
                                && (f.rsvpState() == null || f.rsvpState().equals("withdrawn"))))
                .toList();
        pages.render(
                res,
                status,
                Optional.of(v),
                "me/feed",
                new FeedView(
                        "Your feed",
                        v.csrf(),
                        profile.map(p -> "@" + p.handle() + "@" + authority.get())
                                .orElse(null),
                        profile.map(PublicProfile::displayName).orElse(null),
                        profiles.subscriptions(v.member()).stream()
                                .map(URI::toString)
                                .toList(),
                        entries,
                        notice,
                        error));
    }

    private void profile(ServerRequest req, ServerResponse res, boolean publish) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.MEMBER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        if (publish) {
            profiles.optIn(posted.get().viewer().member());
            Pages.redirect(res, "/me/feed?notice=Your+public+profile+is+published.");
        } else {
            profiles.optOut(posted.get().viewer().member());
            Pages.redirect(res, "/me/feed?notice=Your+public+profile+is+withdrawn.");
        }
    }

    private void subscribe(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.MEMBER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<String> problem = profiles.subscribe(
                posted.get().viewer().member(), Forms.field(posted.get().form(), "target"));
        if (problem.isPresent()) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, posted.get().viewer(), null, problem.get());
        } else {
            Pages.redirect(res, "/me/feed?notice=Subscribed.+New+posts+appear+here+as+they+are+published.");
        }
    }

    private void unsubscribe(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.MEMBER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        // The branch's own follow stays: other members may read the same branch, and national's news
        // reaches organisers; only this member's feed stops showing it.
        Optional<URI> actor = followed(Forms.field(posted.get().form(), "actor"));
        if (actor.isEmpty() || !profiles.unsubscribe(posted.get().viewer().member(), actor.get())) {
            render(
                    res,
                    Status.UNPROCESSABLE_CONTENT_422,
                    posted.get().viewer(),
                    null,
                    "That is not a branch you follow.");
            return;
        }
        Pages.redirect(res, "/me/feed?notice=You+no+longer+follow+it+in+your+feed.");
    }

    private static Optional<URI> followed(String field) {
        if (field == null || field.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(field.strip()));
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private void rsvp(ServerRequest req, ServerResponse res, boolean coming) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.MEMBER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        URI event;
        try {
            event = new URI(Forms.field(posted.get().form(), "event"));
        } catch (java.net.URISyntaxException | NullPointerException e) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, posted.get().viewer(), null, "That is not an event link.");
            return;
        }
        if (!coming) {
            profiles.withdrawElsewhere(posted.get().viewer().member(), event);
            Pages.redirect(res, "/me/feed?notice=Your+RSVP+is+withdrawn.");
            return;
        }
        Optional<String> problem = profiles.rsvpElsewhere(posted.get().viewer().member(), event);
        if (problem.isPresent()) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, posted.get().viewer(), null, problem.get());
        } else {
            Pages.redirect(res, "/me/feed?notice=RSVP+sent:+the+organisers'+node+answers+shortly.");
        }
    }
}
