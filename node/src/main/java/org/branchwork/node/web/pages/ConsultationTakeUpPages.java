package org.branchwork.node.web.pages;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.service.ConsultationTakeUp;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.ReceivedConsultationsView;

/**
 * {@code /organise/consultations}: the consultations received from the nodes the branch follows,
 * and the button that takes one up (the same service as {@code POST /api/v1/consultations/take-up}).
 */
public final class ConsultationTakeUpPages implements HttpService {

    private static final String LIST = "/organise/consultations";

    private final ConsultationService consultations;
    private final ConsultationTakeUp takeUp;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public ConsultationTakeUpPages(
            ConsultationService consultations, ConsultationTakeUp takeUp, Sessions sessions, Csrf csrf, Pages pages) {
        this.consultations = consultations;
        this.takeUp = takeUp;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/consultations", this::list).post("/consultations/take-up", this::takeUp);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        List<ReceivedConsultationsView.Item> items = new ArrayList<>();
        for (Consultation k : consultations.list(viewer.get().acting())) {
            takeUp.origin(k.id())
                    .ifPresent(r -> items.add(new ReceivedConsultationsView.Item(
                            k.id().value(),
                            k.title(),
                            r.question().toString(),
                            r.ownerName() != null ? r.ownerName() : r.owner().toString(),
                            pages.dates().shown(k.closesAt()),
                            r.takenUp())));
        }
        String notice = req.query()
                .first("notice")
                .map(n -> "Taken up: the branch's members can vote on it now.")
                .orElse(null);
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "organise/received-consultations",
                new ReceivedConsultationsView(
                        "Consultations from other nodes", viewer.get().csrf(), notice, items));
    }

    private void takeUp(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        String question = Forms.field(posted.get().form(), "consultation");
        takeUp.takeUp(posted.get().viewer().acting(), URI.create(question == null ? "" : question));
        Pages.redirect(res, LIST + "?notice=taken-up");
    }
}
