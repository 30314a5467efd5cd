package org.branchwork.node.web.pages;

import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.service.RsvpAnswers;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.view.RsvpAnswerView;

/**
 * {@code /rsvp/{token}}: the "still coming" and "can't come" links in an event's reminder. A visit
 * only asks (mail scanners open links); the button posts the answer, without a session and
 * outside the CSRF check: the token names one RSVP and can do nothing but answer it.
 */
public final class RsvpLinkPages implements HttpService {

    private final RsvpAnswers answers;
    private final Sessions sessions;
    private final Pages pages;

    public RsvpLinkPages(RsvpAnswers answers, Sessions sessions, Pages pages) {
        this.answers = answers;
        this.sessions = sessions;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{token}", this::ask).post("/{token}", this::answer);
    }

    private Optional<RsvpAnswers.LinkedRsvp> linked(ServerRequest req) {
        return answers.byToken(req.path().pathParameters().get("token"));
    }

    private void ask(ServerRequest req, ServerResponse res) {
        Optional<RsvpAnswers.LinkedRsvp> linked = linked(req);
        if (linked.isEmpty()) {
            gone(req, res);
            return;
        }
        boolean coming = !"no".equals(req.query().first("answer").orElse("yes"));
        var e = linked.get().event();
        pages.render(
                res,
                Status.OK_200,
                sessions.current(req),
                "mail/rsvp-answer",
                new RsvpAnswerView(
                        e.name(),
                        "/rsvp/" + req.path().pathParameters().get("token"),
                        e.name(),
                        pages.dates().shown(e.start()),
                        coming,
                        null));
    }

    private void answer(ServerRequest req, ServerResponse res) {
        Optional<RsvpAnswers.LinkedRsvp> linked = linked(req);
        if (linked.isEmpty()) {
            gone(req, res);
            return;
        }
        Parameters form = Forms.read(req);
        boolean coming = "yes".equals(Forms.field(form, "answer"));
        String name = linked.get().event().name();
        String message = switch (answers.answer(linked.get().rsvp().id(), coming)) {
            case RsvpAnswers.LinkAnswer.Coming c -> "Thank you: you are still going to " + name + ".";
            case RsvpAnswers.LinkAnswer.Waiting w ->
                "You asked for a place at " + name + " again; an organiser decides.";
            case RsvpAnswers.LinkAnswer.Waitlisted w ->
                name + " is full: you are number " + w.position()
                        + " on its waiting list, and we will write when a place is yours.";
            case RsvpAnswers.LinkAnswer.Withdrawn w ->
                "Thank you for saying: you are no longer going to " + name
                        + ", and your place is free for someone else.";
            case RsvpAnswers.LinkAnswer.Refused r -> r.reason();
        };
        pages.render(
                res,
                Status.OK_200,
                sessions.current(req),
                "mail/rsvp-answer",
                new RsvpAnswerView(
                        name,
                        null,
                        name,
                        pages.dates().shown(linked.get().event().start()),
                        coming,
                        message));
    }

    private void gone(ServerRequest req, ServerResponse res) {
        pages.message(
                res,
                Status.NOT_FOUND_404,
                sessions.current(req),
                "This link does not work",
                "It is not a link this branch made, or the RSVP it was for is gone. Sign in and open the event's page"
                        + " to answer there.");
    }
}
