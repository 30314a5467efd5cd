package org.branchwork.node.web.pages;

import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.MailingId;
import org.branchwork.node.service.UnsubscribeService;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.view.UnsubscribeView;

/**
 * {@code /unsubscribe/{token}}: the link in every bulk mail. {@code GET} asks (mail scanners follow
 * links, so a visit alone changes nothing); {@code POST} unsubscribes, from the page's button or
 * from a mail program's one-click request (RFC 8058: {@code List-Unsubscribe=One-Click}, no cookie,
 * no session). Outside the CSRF check on purpose: the token is the authority, and it can do only
 * this one thing for its one member.
 */
public final class UnsubscribePages implements HttpService {

    private final UnsubscribeService unsubscribes;
    private final Sessions sessions;
    private final Pages pages;

    public UnsubscribePages(UnsubscribeService unsubscribes, Sessions sessions, Pages pages) {
        this.unsubscribes = unsubscribes;
        this.sessions = sessions;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{token}", this::ask).post("/{token}", this::unsubscribe);
    }

    private void ask(ServerRequest req, ServerResponse res) {
        String token = req.path().pathParameters().get("token");
        Optional<Consent.Purpose> purpose = unsubscribes.purposeOf(token);
        if (purpose.isEmpty()) {
            unknown(req, res);
            return;
        }
        String action = "/unsubscribe/" + token
                + req.query().first("m").map(m -> "?m=" + digits(m)).orElse("");
        pages.render(
                res,
                Status.OK_200,
                sessions.current(req),
                "mail/unsubscribe",
                new UnsubscribeView("Unsubscribe", action, words(purpose.get()), true, null));
    }

    private void unsubscribe(ServerRequest req, ServerResponse res) {
        String token = req.path().pathParameters().get("token");
        // The body is "List-Unsubscribe=One-Click" from a mail program, or empty from the button: either will do.
        req.content().consume();
        MailingId mailing = req.query()
                .first("m")
                .filter(m -> !digits(m).isEmpty())
                .map(m -> new MailingId(Long.parseLong(m)))
                .orElse(null);
        Optional<Consent.Purpose> purpose = unsubscribes.purposeOf(token);
        switch (unsubscribes.unsubscribe(token, mailing)) {
            case UNSUBSCRIBED ->
                done(
                        req,
                        res,
                        "You are unsubscribed from " + words(purpose.orElseThrow())
                                + ". It took effect now: no mail of this kind is sent to you any more.");
            case ALREADY -> done(req, res, "You were already unsubscribed from " + words(purpose.orElseThrow()) + ".");
            case UNKNOWN -> unknown(req, res);
        }
    }

    private void done(ServerRequest req, ServerResponse res, String message) {
        pages.render(
                res,
                Status.OK_200,
                sessions.current(req),
                "mail/unsubscribe",
                new UnsubscribeView("Unsubscribed", null, null, false, message));
    }

    private void unknown(ServerRequest req, ServerResponse res) {
        pages.render(
                res,
                Status.NOT_FOUND_404,
                sessions.current(req),
                "mail/unsubscribe",
                new UnsubscribeView(
                        "This link does not work",
                        null,
                        null,
                        false,
                        "This unsubscribe link is not one this branch made, or the address it was for is no longer "
                                + "on the list (then no more mail goes to it)."));
    }

    private static String words(Consent.Purpose p) {
        return p == Consent.Purpose.BRANCH ? "the branch's news" : "national's messages sent through the branch";
    }

    private static String digits(String m) {
        return m.matches("[1-9][0-9]{0,17}") ? m : "";
    }
}
