package org.branchwork.node.web.pages;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Member;
import org.branchwork.node.service.AccountService;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.LocalPath;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.FormView;

/**
 * Joining, confirming the email address, signing in and out, and resetting a password:
 * {@code /join}, {@code /join/confirm}, {@code /signin}, {@code /signout}, {@code /password-reset}.
 */
public final class AccountPages implements HttpService {

    private final AccountService accounts;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public AccountPages(AccountService accounts, Sessions sessions, Csrf csrf, Pages pages) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/join", this::joinForm)
                .post("/join", this::join)
                .get("/join/confirm", this::confirm)
                .get("/signin", this::signInForm)
                .post("/signin", this::signIn)
                .post("/signout", this::signOut)
                .get("/password-reset", this::resetRequestForm)
                .post("/password-reset", this::resetRequest)
                .get("/password-reset/new", this::resetForm)
                .post("/password-reset/new", this::reset);
    }

    private void joinForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.current(req);
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "account/join",
                FormView.empty("Join " + pages.siteName(), csrf.token(req, res, viewer)));
    }

    private void join(ServerRequest req, ServerResponse res) {
        Parameters form = Forms.read(req);
        if (refused(req, res, form, Optional.empty())) {
            return;
        }
        Map<String, String> values = Map.of(
                "name",
                Forms.field(form, "name"),
                "email",
                Forms.field(form, "email"),
                "postcode",
                Forms.field(form, "postcode"),
                "phone",
                Forms.field(form, "phone"),
                "consent",
                form.first("consent").isPresent() ? "yes" : "",
                "nationalConsent",
                form.first("nationalConsent").isPresent() ? "yes" : "");
        switch (accounts.join(
                values.get("name"),
                values.get("email"),
                values.get("postcode"),
                values.get("phone"),
                !values.get("consent").isEmpty(),
                !values.get("nationalConsent").isEmpty(),
                Forms.field(form, "password"),
                Forms.field(form, "passwordConfirmation"))) {
            case AccountService.JoinResult.Invalid invalid ->
                pages.render(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        Optional.empty(),
                        "account/join",
                        FormView.of(
                                "Join " + pages.siteName(),
                                csrf.token(req, res, Optional.empty()),
                                values,
                                invalid.errors()));
            case AccountService.JoinResult.MailSent sent ->
                pages.message(
                        res,
                        Status.OK_200,
                        Optional.empty(),
                        "Check your email",
                        "We have sent a link to " + values.get("email").strip()
                                + ". Open it to confirm your address and finish "
                                + "joining. If nothing arrives in a few minutes, look in your spam folder or join again.");
        }
    }

    private void confirm(ServerRequest req, ServerResponse res) {
        Optional<Member> member = accounts.confirm(req.query().first("token").orElse(""));
        if (member.isEmpty()) {
            pages.message(
                    res,
                    Status.BAD_REQUEST_400,
                    Optional.empty(),
                    "This link does not work",
                    "It is old, used already, or incomplete. Sign in to get a new one.");
            return;
        }
        sessions.start(res, member.get());
        Pages.redirect(res, "/me?welcome=1");
    }

    private void signInForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.current(req);
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "account/signin",
                FormView.empty("Sign in", csrf.token(req, res, viewer))
                        .withNext(safeNext(req.query().first("next").orElse(""))));
    }

    private void signIn(ServerRequest req, ServerResponse res) {
        Parameters form = Forms.read(req);
        if (refused(req, res, form, Optional.empty())) {
            return;
        }
        String email = Forms.field(form, "email");
        String next = safeNext(Forms.field(form, "next"));
        String address = req.remotePeer().host();
        switch (accounts.signIn(email, Forms.field(form, "password"), address)) {
            case AccountService.SignInResult.SignedIn in -> {
                sessions.current(req).ifPresent(old -> sessions.end(old, res));
                sessions.start(res, in.member());
                Pages.redirect(res, next.isEmpty() ? "/me" : next);
            }
            case AccountService.SignInResult.Refused refusedSignIn ->
                signInAgain(
                        req,
                        res,
                        email,
                        next,
                        Status.UNAUTHORIZED_401,
                        "That email and password do not match an account.");
            case AccountService.SignInResult.Unconfirmed unconfirmed ->
                signInAgain(
                        req,
                        res,
                        email,
                        next,
                        Status.FORBIDDEN_403,
                        "Confirm your email address first: we have just sent you a new link.");
            case AccountService.SignInResult.Throttled throttled -> {
                res.header(
                        HeaderNames.RETRY_AFTER,
                        String.valueOf(Math.max(1, throttled.retryAfter().toSeconds())));
                signInAgain(
                        req,
                        res,
                        email,
                        next,
                        Status.TOO_MANY_REQUESTS_429,
                        "Too many sign-in attempts. Wait "
                                + Math.max(1, throttled.retryAfter().toMinutes()) + " minutes and try again.");
            }
        }
    }

    private void signInAgain(
            ServerRequest req, ServerResponse res, String email, String next, Status status, String error) {
        pages.render(
                res,
                status,
                Optional.empty(),
                "account/signin",
                FormView.of(
                                "Sign in",
                                csrf.token(req, res, Optional.empty()),
                                Map.of("email", email),
                                List.of(new FieldError("password", error)))
                        .withNext(next));
    }

    private void signOut(ServerRequest req, ServerResponse res) {
        Parameters form = Forms.read(req);
        Optional<Viewer> viewer = sessions.current(req);
        if (viewer.isEmpty()) {
            Pages.redirect(res, "/");
            return;
        }
        if (refused(req, res, form, viewer)) {
            return;
        }
        sessions.end(viewer.get(), res);
        pages.message(
                res,
                Status.OK_200,
                Optional.empty(),
                "You are signed out",
                "You are signed out on this browser. Sign in again whenever you need to.");
    }

    private void resetRequestForm(ServerRequest req, ServerResponse res) {
        pages.render(
                res,
                Status.OK_200,
                Optional.empty(),
                "account/reset-request",
                FormView.empty("Forgotten password", csrf.token(req, res, Optional.empty())));
    }

    private void resetRequest(ServerRequest req, ServerResponse res) {
        Parameters form = Forms.read(req);
        if (refused(req, res, form, Optional.empty())) {
            return;
        }
        accounts.requestPasswordReset(Forms.field(form, "email"));
        pages.message(
                res,
                Status.OK_200,
                Optional.empty(),
                "Check your email",
                "If that address belongs to a member, a link to set a new password is on its way. It works for two hours.");
    }

    private void resetForm(ServerRequest req, ServerResponse res) {
        pages.render(
                res,
                Status.OK_200,
                Optional.empty(),
                "account/reset",
                FormView.of(
                        "Choose a new password",
                        csrf.token(req, res, Optional.empty()),
                        Map.of("token", req.query().first("token").orElse("")),
                        List.of()));
    }

    private void reset(ServerRequest req, ServerResponse res) {
        Parameters form = Forms.read(req);
        if (refused(req, res, form, Optional.empty())) {
            return;
        }
        String token = Forms.field(form, "token");
        switch (accounts.resetPassword(
                token, Forms.field(form, "password"), Forms.field(form, "passwordConfirmation"))) {
            case AccountService.ResetResult.Done done -> {
                sessions.start(res, done.member());
                Pages.redirect(res, "/me");
            }
            case AccountService.ResetResult.BadLink bad ->
                pages.message(
                        res,
                        Status.BAD_REQUEST_400,
                        Optional.empty(),
                        "This link does not work",
                        "It is old, used already, or incomplete. Ask for a new one.");
            case AccountService.ResetResult.Invalid invalid ->
                pages.render(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        Optional.empty(),
                        "account/reset",
                        FormView.of(
                                "Choose a new password",
                                csrf.token(req, res, Optional.empty()),
                                Map.of("token", token),
                                invalid.errors()));
        }
    }

    private boolean refused(ServerRequest req, ServerResponse res, Parameters form, Optional<Viewer> viewer) {
        if (csrf.valid(req, form, viewer)) {
            return false;
        }
        pages.formRefused(res, viewer, req, csrf);
        return true;
    }

    /** Where to go after signing in: only a path on this node, else nowhere in particular (see {@link LocalPath}). */
    static String safeNext(String next) {
        return LocalPath.parse(next).orElse("");
    }
}
