package org.branchwork.node.web.pages;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Audience;
import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.Mailing;
import org.branchwork.node.domain.MailingId;
import org.branchwork.node.domain.MailingProgress;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.MailComposer;
import org.branchwork.node.service.MailingService;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.Choice;
import org.branchwork.node.web.view.FormView;
import org.branchwork.node.web.view.LiveFigures;
import org.branchwork.node.web.view.MailingFormView;
import org.branchwork.node.web.view.MailingView;

/**
 * Organisers write to members ({@link MailingListPages} lists the mailings): a mailing is written (Markdown, purpose, audience), saved as a draft whose page
 * shows the exact count and a preview, tested on the organiser, then sent now or at a time; its
 * page then shows its progress.
 */
public final class MailingPages implements HttpService {

    private static final String FORM = "organise/mailing-form";
    private static final List<String> FIELDS =
            List.of("subject", "purpose", "content", "tags", "postcodes", "joinedSince", "event");

    private final MailingService mailings;
    private final EventService events;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;
    private final java.time.Clock clock;

    public MailingPages(
            MailingService mailings,
            EventService events,
            Sessions sessions,
            Csrf csrf,
            Pages pages,
            java.time.Clock clock) {
        this.clock = clock;
        this.mailings = mailings;
        this.events = events;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/mailings/new", this::newForm)
                .post("/mailings", this::create)
                .get("/mailings/{id}", this::show)
                .get("/mailings/{id}/edit", this::editForm)
                .post("/mailings/{id}/edit", this::edit)
                .post("/mailings/{id}/test", this::test)
                .post("/mailings/{id}/send", this::send)
                .post("/mailings/{id}/unschedule", this::unschedule);
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        viewer.ifPresent(v -> {
            Map<String, String> values = new HashMap<>();
            values.put("purpose", "branch");
            req.query().first("event").ifPresent(e -> values.put("event", e));
            renderForm(
                    res,
                    Status.OK_200,
                    v,
                    "Write a mailing",
                    "/organise/mailings",
                    "Save and preview",
                    values,
                    List.of());
        });
    }

    private void renderForm(
            ServerResponse res,
            Status status,
            Viewer v,
            String title,
            String action,
            String submit,
            Map<String, String> values,
            List<FieldError> errors) {
        String purpose = values.getOrDefault("purpose", "branch");
        List<Choice> purposes = List.of(
                new Choice(
                        "branch",
                        "Branch news: members who agreed to hear from the branch",
                        !"national".equals(purpose)),
                new Choice(
                        "national",
                        "National's messages: members who agreed to get them through the branch",
                        "national".equals(purpose)));
        String event = values.getOrDefault("event", "");
        List<Choice> eventChoices = new ArrayList<>();
        eventChoices.add(new Choice("", "Anyone (not only an event's answers)", event.isEmpty()));
        for (BranchEvent e : events.forCalendar()) {
            eventChoices.add(new Choice(
                    e.id().value(),
                    e.name() + ", " + pages.dates().shown(e.start()),
                    e.id().value().equals(event)));
        }
        pages.render(
                res,
                status,
                Optional.of(v),
                FORM,
                new MailingFormView(
                        FormView.of(title, v.csrf(), values, errors), action, submit, purposes, eventChoices));
    }

    private static MailingService.Input input(Parameters f) {
        return new MailingService.Input(
                Forms.field(f, "subject"),
                Forms.field(f, "content"),
                Forms.field(f, "purpose"),
                Forms.field(f, "tags"),
                Forms.field(f, "postcodes"),
                Forms.field(f, "joinedSince"),
                Forms.field(f, "event"));
    }

    private static Map<String, String> typed(Parameters f) {
        Map<String, String> values = new HashMap<>();
        FIELDS.forEach(name -> values.put(name, Forms.field(f, name)));
        return values;
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Parameters f = posted.get().form();
        sessions.once(posted.get(), req, res, () -> switch (mailings.create(
                posted.get().viewer().acting(), input(f))) {
            case MailingService.Saved.Done done ->
                Optional.of("/organise/mailings/" + done.mailing().id().value() + "?notice=saved");
            case MailingService.Saved.Invalid invalid -> {
                renderForm(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        posted.get().viewer(),
                        "Write a mailing",
                        "/organise/mailings",
                        "Save and preview",
                        typed(f),
                        invalid.errors());
                yield Optional.empty();
            }
        });
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        Mailing m = mailing(viewer.get(), req);
        if (!m.editable()) {
            Pages.redirect(res, "/organise/mailings/" + m.id().value());
            return;
        }
        Map<String, String> values = new HashMap<>();
        values.put("subject", m.subject());
        values.put("content", m.markdown());
        values.put("purpose", m.purpose().code());
        values.put("tags", String.join(", ", m.audience().tags()));
        values.put("postcodes", String.join(", ", m.audience().postcodes()));
        values.put(
                "joinedSince",
                m.audience().joinedSince() == null
                        ? ""
                        : m.audience()
                                .joinedSince()
                                .atZone(pages.dates().zone())
                                .toLocalDate()
                                .toString());
        values.put(
                "event",
                m.audience().event() == null ? "" : m.audience().event().value());
        renderForm(
                res,
                Status.OK_200,
                viewer.get(),
                "Edit the mailing",
                "/organise/mailings/" + m.id().value() + "/edit",
                "Save and preview",
                values,
                List.of());
    }

    private void edit(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Mailing m = mailing(posted.get().viewer(), req);
        Parameters f = posted.get().form();
        switch (mailings.update(posted.get().viewer().acting(), m.id(), input(f))) {
            case MailingService.Saved.Done done ->
                Pages.redirect(res, "/organise/mailings/" + m.id().value() + "?notice=saved");
            case MailingService.Saved.Invalid invalid ->
                renderForm(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        posted.get().viewer(),
                        "Edit the mailing",
                        "/organise/mailings/" + m.id().value() + "/edit",
                        "Save and preview",
                        typed(f),
                        invalid.errors());
        }
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        Mailing m = mailing(viewer.get(), req);
        String notice = switch (req.query().first("notice").orElse("")) {
            case "saved" -> "Saved. Check the count and the preview, then send a test or send it.";
            case "test" -> "A test is on its way to your address.";
            case "sent" -> "It is going out now.";
            case "scheduled" -> "Scheduled.";
            case "unscheduled" -> "It is a draft again: it will not go until you send it.";
            default -> null;
        };
        renderMailing(
                res,
                Status.OK_200,
                viewer.get(),
                m,
                notice,
                null,
                "",
                "1".equals(req.query().first("follow").orElse("")));
    }

    private void renderMailing(
            ServerResponse res, Status status, Viewer v, Mailing m, String notice, String error, String sendAt) {
        renderMailing(res, status, v, m, notice, error, sendAt, false);
    }

    private void renderMailing(
            ServerResponse res,
            Status status,
            Viewer v,
            Mailing m,
            String notice,
            String error,
            String sendAt,
            boolean follow) {
        MailingProgress p = mailings.progress(m);
        MailComposer.Preview preview = mailings.preview(m);
        boolean going = !m.editable();
        pages.render(
                res,
                status,
                Optional.of(v),
                "organise/mailing",
                new MailingView(
                        m.subject(),
                        v.csrf(),
                        m.id().value(),
                        m.subject(),
                        purpose(m.purpose()),
                        state(m),
                        audience(m.audience()),
                        m.editable(),
                        m.state() == Mailing.State.SCHEDULED,
                        m.sendAt() == null ? null : pages.dates().shown(m.sendAt()),
                        mailings.recipients(m),
                        preview.body(),
                        preview.text(),
                        going,
                        p.percent(),
                        p.queued(),
                        p.sent(),
                        p.failed(),
                        p.unsubscribed(),
                        LiveFigures.of(
                                m.state() == Mailing.State.SENDING, follow, "/organise/mailings/" + m.id().value()),
                        notice,
                        error == null ? MailingListPages.serverProblem(mailings.server()) : error,
                        sendAt));
    }

    private void test(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Mailing m = mailing(posted.get().viewer(), req);
        switch (mailings.sendTest(posted.get().viewer().acting(), m.id())) {
            case MailingService.Sending.Refused r ->
                renderMailing(res, Status.CONFLICT_409, posted.get().viewer(), m, null, r.reason(), "");
            default -> Pages.redirect(res, "/organise/mailings/" + m.id().value() + "?notice=test");
        }
    }

    private void send(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Viewer v = posted.get().viewer();
        Mailing m = mailing(v, req);
        String at = Forms.field(posted.get().form(), "sendAt").strip();
        Instant when = null;
        if (!at.isEmpty()) {
            try {
                when = LocalDateTime.parse(at).atZone(pages.dates().zone()).toInstant();
            } catch (DateTimeParseException e) {
                renderMailing(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        v,
                        m,
                        null,
                        "Give the date and time to send it, e.g. 2026-12-24 09:00.",
                        at);
                return;
            }
            if (!when.isAfter(clock.instant())) {
                renderMailing(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        v,
                        m,
                        null,
                        "That time has passed: choose a later one, or send it now.",
                        at);
                return;
            }
        }
        switch (mailings.send(v.acting(), m.id(), when)) {
            case MailingService.Sending.Queued q ->
                Pages.redirect(res, "/organise/mailings/" + m.id().value() + "?notice=sent");
            case MailingService.Sending.Scheduled s ->
                Pages.redirect(res, "/organise/mailings/" + m.id().value() + "?notice=scheduled");
            case MailingService.Sending.Refused r ->
                renderMailing(res, Status.CONFLICT_409, v, mailing(v, req), null, r.reason(), at);
        }
    }

    private void unschedule(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Mailing m = mailing(posted.get().viewer(), req);
        mailings.unschedule(posted.get().viewer().acting(), m.id());
        Pages.redirect(res, "/organise/mailings/" + m.id().value() + "?notice=unscheduled");
    }

    private Mailing mailing(Viewer v, ServerRequest req) {
        try {
            long id = Long.parseLong(req.path().pathParameters().get("id"));
            return mailings.find(v.acting(), new MailingId(id))
                    .orElseThrow(() -> new NotFoundException("No such mailing."));
        } catch (NumberFormatException e) {
            throw new NotFoundException("No such mailing.");
        }
    }

    static String purpose(Consent.Purpose p) {
        return p == Consent.Purpose.BRANCH ? "Branch news" : "National's messages";
    }

    private String state(Mailing m) {
        return state(m, pages);
    }

    static String state(Mailing m, Pages pages) {
        return switch (m.state()) {
            case DRAFT -> "Draft";
            case SCHEDULED -> "Scheduled for " + pages.dates().shown(m.sendAt());
            case SENDING -> "Going out";
            case SENT -> "Sent";
        };
    }

    private String audience(Audience a) {
        if (a.everyone()) {
            return "Everyone who agreed";
        }
        List<String> parts = new ArrayList<>();
        if (!a.tags().isEmpty()) {
            parts.add("tagged " + String.join(" or ", a.tags()));
        }
        if (!a.postcodes().isEmpty()) {
            parts.add("with a postcode starting " + String.join(" or ", a.postcodes()));
        }
        if (a.joinedSince() != null) {
            parts.add("who joined on or after "
                    + a.joinedSince().atZone(pages.dates().zone()).toLocalDate());
        }
        if (a.event() != null) {
            parts.add("who answered "
                    + events.find(a.event()).map(BranchEvent::name).orElse("an event"));
        }
        return "Members " + String.join(", ", parts) + ", who agreed";
    }
}
