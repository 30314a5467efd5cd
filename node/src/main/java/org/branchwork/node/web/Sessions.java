package org.branchwork.node.web;

import java.util.Optional;
import java.util.function.Supplier;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.SessionService;

/**
 * The session cookie and the role check every page goes through. The cookie is {@code HttpOnly},
 * {@code SameSite=Lax}, and {@code Secure} when the public URL is https. {@link #require} denies by
 * default: no session means the sign-in page, too low a role means 403.
 */
public final class Sessions {

    public static final String COOKIE = "bw_session";

    private final SessionService sessions;
    private final java.util.function.BooleanSupplier secure;
    private final SubmittedOnce once;

    public Sessions(SessionService sessions, java.util.function.BooleanSupplier secure, java.time.Clock clock) {
        this.sessions = sessions;
        this.secure = secure;
        this.once = new SubmittedOnce(clock);
    }

    /**
     * For a form that publishes or adds something: runs {@code publish} once however often the
     * same person sends the same form ({@link SubmittedOnce}). It renders its refusal and returns
     * empty, or returns where to send the person.
     */
    public void once(Posted posted, ServerRequest req, ServerResponse res, Supplier<Optional<String>> publish) {
        once.run(posted, req, res, publish);
    }

    public Optional<Viewer> current(ServerRequest req) {
        return req.headers()
                .cookies()
                .first(COOKIE)
                .asOptional()
                .flatMap(sessions::resolve)
                .map(Viewer::new);
    }

    /** A new session (and so a new id) for a member who just signed in. */
    public void start(ServerResponse res, Member member) {
        SessionService.Started started = sessions.start(member);
        res.headers()
                .addCookie(cookie(started.cookieValue())
                        .maxAge(SessionService.ABSOLUTE)
                        .build());
    }

    public void end(Viewer viewer, ServerResponse res) {
        sessions.end(viewer.session());
        res.headers().addCookie(cookie("").maxAge(java.time.Duration.ZERO).build());
    }

    /**
     * The viewer when signed in with at least {@code role}; otherwise answers (sign-in redirect or
     * 403) and returns empty.
     */
    public Optional<Viewer> require(ServerRequest req, ServerResponse res, Role role, Pages pages) {
        Optional<Viewer> viewer = current(req);
        if (viewer.isEmpty()) {
            res.status(Status.SEE_OTHER_303)
                    .header(HeaderNames.LOCATION, signInLocation(req))
                    .send();
            return Optional.empty();
        }
        if (!viewer.get().can(role)) {
            pages.message(res, Status.FORBIDDEN_403, viewer, "Not allowed", "This page is for " + role.code() + "s.");
            return Optional.empty();
        }
        return viewer;
    }

    /**
     * The sign-in page, to come back to this request's whole path and query afterwards. The
     * absolute path: a page mounted under {@code /organise} sees only its own part of it.
     */
    public static String signInLocation(ServerRequest req) {
        String query = req.query().rawValue();
        String next = req.path().absolute().path() + (query.isEmpty() ? "" : "?" + query);
        return "/signin?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A state-changing form from a member with the role, its CSRF token checked. */
    public record Posted(Viewer viewer, Parameters form) {
        public Optional<Viewer> viewerOptional() {
            return Optional.of(viewer);
        }
    }

    /**
     * As {@link #require}, then reads the form and checks its CSRF token; answers 403 ("the form
     * expired") when the token or origin is wrong. Empty when an answer was sent.
     */
    public Optional<Posted> requireForm(ServerRequest req, ServerResponse res, Role role, Pages pages, Csrf csrf) {
        Optional<Viewer> viewer = require(req, res, role, pages);
        if (viewer.isEmpty()) {
            return Optional.empty();
        }
        Parameters form = Forms.read(req);
        if (!csrf.valid(req, form, viewer)) {
            pages.formRefused(res, viewer, req, csrf);
            return Optional.empty();
        }
        return Optional.of(new Posted(viewer.get(), form));
    }

    private SetCookie.Builder cookie(String value) {
        return SetCookie.builder(COOKIE, value)
                .path("/")
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.LAX)
                .secure(secure.getAsBoolean());
    }
}
