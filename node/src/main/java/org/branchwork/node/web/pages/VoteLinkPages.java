package org.branchwork.node.web.pages;

import java.time.Clock;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.service.HtmlContent;
import org.branchwork.node.service.MailLinks;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.view.ConsultationView;
import org.branchwork.node.web.view.ReceiptView;
import org.branchwork.node.web.view.VoteLinkView;

/**
 * {@code /vote/{token}}: the voting link in a consultation's invitation and reminder. A visit only
 * shows the ballot (mail scanners open links); posting it votes, without a session and outside the
 * CSRF check: the token names one member in one consultation, made by this node's key
 * ({@link MailLinks}), and can do nothing but cast that member's first ballot.
 */
public final class VoteLinkPages implements HttpService {

    private final ConsultationService consultations;
    private final MailLinks links;
    private final Sessions sessions;
    private final Pages pages;
    private final Clock clock;

    public VoteLinkPages(
            ConsultationService consultations, MailLinks links, Sessions sessions, Pages pages, Clock clock) {
        this.consultations = consultations;
        this.links = links;
        this.sessions = sessions;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{token}", this::show).post("/{token}", this::vote);
    }

    private record Opened(String token, MailLinks.Ballot link, ConsultationService.Linked linked) {}

    private Optional<Opened> opened(ServerRequest req, ServerResponse res) {
        String token = req.path().pathParameters().get("token");
        Optional<MailLinks.Ballot> link = links.ballot(token);
        Optional<ConsultationService.Linked> linked = link.flatMap(consultations::linked);
        // The link is the voter's credential: never cached, never sent on as a referrer.
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.headers().set(HeaderNames.create("Referrer-Policy"), "no-referrer");
        if (linked.isEmpty()) {
            pages.message(
                    res,
                    Status.NOT_FOUND_404,
                    sessions.current(req),
                    "This link does not work",
                    "It is not a voting link this branch made, or its consultation is gone. Sign in and open"
                            + " Consultations to vote there.");
            return Optional.empty();
        }
        return Optional.of(new Opened(token, link.get(), linked.get()));
    }

    private void show(ServerRequest req, ServerResponse res) {
        opened(req, res).ifPresent(o -> render(res, Status.OK_200, req, o, null));
    }

    private void render(ServerResponse res, Status status, ServerRequest req, Opened o, String error) {
        Consultation k = o.linked().consultation();
        ConsultationService.Voter me = o.linked().voter();
        boolean open = k.state(clock.instant()) == Consultation.State.OPEN && k.certificate() == null;
        ConsultationView.Ballot ballot = null;
        String note;
        if (!me.onRoll()) {
            note = me.whyNot();
        } else if (me.votedOn() != null) {
            note = "This voting link has been used: you voted on " + me.votedOn() + "."
                    + (open ? " To change your vote, sign in and give your receipt code with your new choices." : "");
        } else if (!open) {
            note = k.certificate() != null || k.electorate() != null
                    ? "This consultation has closed; the results are on its page."
                    : "Voting has not opened yet.";
        } else {
            note = null;
            ballot = ConsultationPages.ballot(k, "/vote/" + o.token(), false);
        }
        pages.render(
                res,
                status,
                sessions.current(req),
                "consultations/vote-link",
                new VoteLinkView(
                        k.title(),
                        HtmlContent.fromMarkdown(k.markdown()),
                        pages.dates().shown(k.closesAt()),
                        ballot,
                        note,
                        error));
    }

    private void vote(ServerRequest req, ServerResponse res) {
        Optional<Opened> opened = opened(req, res);
        if (opened.isEmpty()) {
            return;
        }
        Parameters f = Forms.read(req);
        Opened o = opened.get();
        switch (consultations.voteByLink(o.link(), ConsultationPages.choices(f))) {
            case ConsultationService.Voting.Cast cast ->
                pages.render(
                        res,
                        Status.OK_200,
                        sessions.current(req),
                        "consultations/receipt",
                        new ReceiptView(
                                "Your ballot is counted",
                                o.link().consultation().value(),
                                o.linked().consultation().title(),
                                cast.receipt(),
                                false,
                                false,
                                true));
            case ConsultationService.Voting.Refused r -> {
                Opened again = new Opened(
                        o.token(), o.link(), consultations.linked(o.link()).orElse(o.linked()));
                render(res, Status.CONFLICT_409, req, again, r.message());
            }
        }
    }
}
