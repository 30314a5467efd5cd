package org.branchwork.node.web.pages;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.Mailing;
import org.branchwork.node.domain.MailingProgress;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.MailQueue;
import org.branchwork.node.service.MailingService;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.FormView;
import org.branchwork.node.web.view.MailingsView;

/**
 * {@code /organise/mailings}: the branch's mailings, newest first, with their counts; how the mail
 * server and the queue stand; and, for admins, the postal address every mailing's footer carries.
 */
public final class MailingListPages implements HttpService {

    private final MailingService mailings;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public MailingListPages(MailingService mailings, Sessions sessions, Csrf csrf, Pages pages) {
        this.mailings = mailings;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/mailings", this::list).post("/mailings/address", this::setAddress);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        viewer.ifPresent(v -> renderList(
                res,
                Status.OK_200,
                v,
                List.of(),
                null,
                req.query().first("notice").orElse(null)));
    }

    private void renderList(
            ServerResponse res, Status status, Viewer v, List<FieldError> errors, String typed, String notice) {
        List<MailingsView.Row> rows = new ArrayList<>();
        for (Mailing m : mailings.recent(v.acting(), 100)) {
            MailingProgress p = mailings.progress(m);
            String counts = m.editable()
                    ? "reaches " + mailings.recipients(m) + " now"
                    : p.sent() + " sent of " + m.recipients() + (p.failed() > 0 ? ", " + p.failed() + " failed" : "")
                            + (p.unsubscribed() > 0 ? ", " + p.unsubscribed() + " unsubscribed" : "");
            rows.add(new MailingsView.Row(
                    m.id().value(),
                    m.subject(),
                    purpose(m.purpose()),
                    state(m),
                    m.sendAt() == null
                            ? pages.dates().shown(m.createdAt())
                            : pages.dates().shown(m.sendAt()),
                    counts));
        }
        String address = mailings.postalAddress();
        Map<String, String> values = new HashMap<>();
        values.put("postalAddress", typed == null ? address : typed);
        pages.render(
                res,
                status,
                Optional.of(v),
                "organise/mailings",
                new MailingsView(
                        "Mailings",
                        v.csrf(),
                        rows,
                        serverProblem(mailings.server()),
                        backlog(),
                        address,
                        v.can(Role.ADMIN),
                        FormView.of("Postal address", v.csrf(), values, errors),
                        "address".equals(notice) ? "The postal address is saved." : null));
    }

    private String backlog() {
        var b = mailings.backlog();
        if (b.queued() == 0) {
            return b.failedLastDay() == 0 ? null : b.failedLastDay() + " mails failed in the last day.";
        }
        return b.queued() + " mails are waiting in the queue"
                + (b.oldestQueued() == null
                        ? ""
                        : ", the oldest due " + pages.dates().shown(b.oldestQueued()))
                + (b.failedLastDay() == 0 ? "." : "; " + b.failedLastDay() + " failed in the last day.");
    }

    static String serverProblem(MailQueue.ServerStatus s) {
        if (!s.configured()) {
            return "No mail server is configured for this node, so no mail goes out: the admin who runs it sets "
                    + "BRANCHWORK_SMTP_HOST and BRANCHWORK_MAIL_FROM. Mail waits in the queue until then.";
        }
        if (!s.reachable()) {
            return "The mail server cannot be reached (" + s.problem() + "). Mail waits in the queue and goes out "
                    + "when it answers again.";
        }
        return null;
    }

    private void setAddress(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        String typed = Forms.field(posted.get().form(), "postalAddress");
        List<FieldError> errors =
                mailings.setPostalAddress(posted.get().viewer().acting(), typed);
        if (errors.isEmpty()) {
            Pages.redirect(res, "/organise/mailings?notice=address");
        } else {
            renderList(res, Status.UNPROCESSABLE_CONTENT_422, posted.get().viewer(), errors, typed, null);
        }
    }

    private static String purpose(Consent.Purpose p) {
        return MailingPages.purpose(p);
    }

    private String state(Mailing m) {
        return MailingPages.state(m, pages);
    }
}
