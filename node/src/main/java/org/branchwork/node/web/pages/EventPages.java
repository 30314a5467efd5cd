package org.branchwork.node.web.pages;

import java.io.StringWriter;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.JoinMode;
import org.branchwork.node.domain.Role;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.service.EventInput;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.RequestRefused;
import org.branchwork.node.service.SpreadsheetCsv;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.EventCancelView;
import org.branchwork.node.web.view.EventDeleteView;
import org.branchwork.node.web.view.EventFormView;
import org.branchwork.node.web.view.EventView;
import org.branchwork.node.web.view.FormView;

/**
 * Events on the branch's site: the public page of each ({@code /events/{id}}, with RSVP for
 * members, the attendee list and cancel for organisers), the organisers' form for a new event, and
 * the attendee export. ActivityPub clients asking for the same IRIs get JSON from ObjectEndpoint.
 */
public final class EventPages implements HttpService {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private final EventService events;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    private final java.time.Clock clock;

    public EventPages(EventService events, Sessions sessions, Csrf csrf, Pages pages, java.time.Clock clock) {
        this.clock = clock;
        this.events = events;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    /** The form's {@code datetime-local} value. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Override
    public void routing(HttpRules rules) {
        rules.get("/events/new", this::newForm)
                .post("/events", this::create)
                .get("/events/{id}", this::show)
                .post("/events/{id}/rsvp", (req, res) -> rsvp(req, res, true))
                .post("/events/{id}/withdraw", (req, res) -> rsvp(req, res, false))
                .get("/events/{id}/cancel", this::cancelForm)
                .post("/events/{id}/cancel", this::cancel)
                .get("/events/{id}/edit", this::editForm)
                .post("/events/{id}/edit", this::edit)
                .get("/events/{id}/delete", this::deleteForm)
                .post("/events/{id}/delete", this::delete)
                .post("/events/{id}/attendees/{rsvp}", this::decide)
                .get("/events/{id}/attendees.csv", this::export);
    }

    /** "Saturday 5 December 2026, 14:00 to 16:00" in the event's own zone. */
    public static String when(BranchEvent e) {
        ZonedDateTime start = e.start().atZone(e.zone());
        ZonedDateTime end = e.end().atZone(e.zone());
        return WHEN.format(start) + " to "
                + (start.toLocalDate().equals(end.toLocalDate()) ? TIME.format(end) : WHEN.format(end));
    }

    /** The place on one line, or null. */
    public static String where(BranchEvent e) {
        if (e.place() == null) {
            return null;
        }
        return java.util.stream.Stream.of(e.place().name(), e.place().address())
                .filter(s -> s != null && !s.isBlank())
                .reduce((a, b) -> a + ", " + b)
                .orElse(null);
    }

    private void show(ServerRequest req, ServerResponse res) {
        BranchEvent e = event(req);
        Optional<Viewer> viewer = sessions.current(req);
        render(res, Status.OK_200, viewer, e, req.query().first("notice").orElse(null), null);
    }

    private void render(
            ServerResponse res, Status status, Optional<Viewer> viewer, BranchEvent e, String notice, String error) {
        if (e.isDeleted()) {
            pages.message(res, Status.GONE_410, viewer, "Event deleted", "The organisers deleted this event.");
            return;
        }
        EventCounts counts = events.counts(e);
        Optional<Rsvp> mine = viewer.flatMap(v -> events.rsvpOf(v.member().id(), e.id()))
                .filter(r -> r.state() != Rsvp.State.WITHDRAWN);
        boolean organiser = viewer.map(v -> v.can(Role.ORGANISER)).orElse(false);
        List<EventView.AttendeeRow> attendees = organiser
                ? events.attendees(viewer.get().acting(), e.id()).stream()
                        .map(a -> new EventView.AttendeeRow(
                                a.rsvpId(), a.name(), a.kind(), a.state().code(), a.state() == Rsvp.State.PENDING))
                        .toList()
                : List.of();
        String places = e.capacity() == null ? null : counts.remaining() + " of " + e.capacity() + " places left";
        boolean open = !e.cancelled() && e.end().isAfter(clock.instant());
        // Full: no place left for a new RSVP (a member who already has one sees their own).
        boolean full = counts.full();
        pages.render(
                res,
                status,
                viewer,
                "events/event",
                new EventView(
                        e.name(),
                        viewer.map(Viewer::csrf).orElse(null),
                        e.id().value(),
                        e.name(),
                        when(e),
                        e.zone().getId(),
                        where(e),
                        e.content(),
                        e.cancelled(),
                        e.cancelled() ? events.cancellationReason(e.id()).orElse(null) : null,
                        e.category().label(),
                        places,
                        counts.participants(),
                        viewer.isPresent(),
                        mine.map(r -> r.state().code()).orElse(null),
                        viewer.isPresent() && mine.isEmpty() && open && !full,
                        viewer.isPresent() && mine.isEmpty() && open && full,
                        events.onlineLinkFor(viewer.map(Viewer::acting), e)
                                .map(URI::toString)
                                .orElse(null),
                        e.isOnline(),
                        organiser,
                        attendees,
                        notice,
                        error));
    }

    private void rsvp(ServerRequest req, ServerResponse res, boolean coming) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.MEMBER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Viewer v = posted.get().viewer();
        BranchEvent e = event(req);
        if (!coming) {
            events.withdraw(v.member().id(), e.id());
            Pages.redirect(res, "/events/" + e.id().value() + "?notice=Your+RSVP+is+withdrawn.");
            return;
        }
        switch (events.rsvp(v.member().id(), e.id())) {
            case EventService.Outcome.Accepted a ->
                Pages.redirect(res, "/events/" + e.id().value() + "?notice=You're+coming.");
            case EventService.Outcome.Pending p ->
                Pages.redirect(
                        res, "/events/" + e.id().value() + "?notice=Thanks:+an+organiser+will+confirm+your+place.");
            case EventService.Outcome.Refused r ->
                render(res, Status.CONFLICT_409, Optional.of(v), e, null, r.reason());
        }
    }

    /** The confirmation step, asking for the reason attendees are told. */
    private void cancelForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        BranchEvent e = event(req);
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "events/cancel",
                cancelView(e, viewer.get().csrf(), "", null));
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = event(req);
        String reason = Forms.field(posted.get().form(), "reason");
        try {
            events.cancel(posted.get().viewer().acting(), e.id(), reason);
        } catch (RequestRefused.Invalid invalid) {
            pages.render(
                    res,
                    Status.UNPROCESSABLE_CONTENT_422,
                    posted.get().viewerOptional(),
                    "events/cancel",
                    cancelView(e, posted.get().viewer().csrf(), reason, invalid.getMessage()));
            return;
        }
        Pages.redirect(res, "/events/" + e.id().value() + "?notice=Cancelled.+Followers+on+other+servers+are+told.");
    }

    private static EventCancelView cancelView(BranchEvent e, String csrf, String reason, String error) {
        return new EventCancelView("Cancel " + e.name(), csrf, e.id().value(), e.name(), when(e), reason, error);
    }

    private void decide(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = event(req);
        boolean accept = "accept".equals(Forms.field(posted.get().form(), "decision"));
        events.approve(
                posted.get().viewer().acting(),
                e.id(),
                req.path().pathParameters().get("rsvp"),
                accept);
        Pages.redirect(res, "/events/" + e.id().value());
    }

    private void export(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        BranchEvent e = event(req);
        StringWriter out = new StringWriter();
        try (SpreadsheetCsv csv = new SpreadsheetCsv(out, "name", "from", "rsvp", "since", "actor")) {
            for (EventService.Attendee a : events.attendees(viewer.get().acting(), e.id())) {
                csv.row(a.name(), a.kind(), a.state().code(), a.since(), a.actor());
            }
        }
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.headers().set(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"attendees.csv\"");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(out.toString());
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        viewer.ifPresent(v -> pages.render(
                res,
                Status.OK_200,
                viewer,
                "events/new",
                EventFormView.creating(
                        FormView.of("New event", v.csrf(), Map.of("timezone", "Europe/London"), List.of()))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Parameters f = posted.get().form();
        Optional<FieldError> past = unconfirmedPast(input(f), f);
        if (past.isPresent()) {
            pages.render(
                    res,
                    Status.UNPROCESSABLE_CONTENT_422,
                    posted.get().viewerOptional(),
                    "events/new",
                    EventFormView.creating(FormView.of(
                            "New event", posted.get().viewer().csrf(), askingPast(f), List.of(past.get()))));
            return;
        }
        EventService.Result result = events.create(posted.get().viewer().acting(), input(f));
        if (result.event() != null) {
            Pages.redirect(res, "/events/" + result.event().id().value() + "?notice=Published.");
            return;
        }
        pages.render(
                res,
                Status.UNPROCESSABLE_CONTENT_422,
                posted.get().viewerOptional(),
                "events/new",
                EventFormView.creating(
                        FormView.of("New event", posted.get().viewer().csrf(), typed(f), result.errors())));
    }

    /** The event's form, filled in with what it says now, times in its own zone. */
    private void editForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        BranchEvent e = event(req);
        Map<String, String> values = new HashMap<>();
        values.put("name", e.name());
        values.put("content", e.markdown() == null ? "" : e.markdown());
        values.put("startTime", LOCAL.format(e.start().atZone(e.zone())));
        values.put("endTime", LOCAL.format(e.end().atZone(e.zone())));
        values.put("timezone", e.zone().getId());
        values.put(
                "placeName",
                e.place() == null || e.place().name() == null ? "" : e.place().name());
        values.put(
                "placeAddress",
                e.place() == null || e.place().address() == null
                        ? ""
                        : e.place().address());
        values.put("onlineUrl", e.onlineUrl() == null ? "" : e.onlineUrl().toString());
        values.put("capacity", e.capacity() == null ? "" : e.capacity().toString());
        values.put("category_" + e.category().code(), "selected");
        if (e.joinMode() == JoinMode.RESTRICTED) {
            values.put("restricted", "checked");
        }
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "events/new",
                EventFormView.editing(
                        FormView.of("Edit " + e.name(), viewer.get().csrf(), values, List.of()), e.id().value()));
    }

    /** Saves the changes; followers get an {@code Update}. What was typed stays on the form when it is refused. */
    private void edit(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = event(req);
        Parameters f = posted.get().form();
        Optional<FieldError> past =
                e.start().isBefore(clock.instant()) ? Optional.empty() : unconfirmedPast(input(f), f);
        if (past.isPresent()) {
            pages.render(
                    res,
                    Status.UNPROCESSABLE_CONTENT_422,
                    posted.get().viewerOptional(),
                    "events/new",
                    EventFormView.editing(
                            FormView.of(
                                    "Edit " + e.name(),
                                    posted.get().viewer().csrf(),
                                    askingPast(f),
                                    List.of(past.get())),
                            e.id().value()));
            return;
        }
        EventService.Result result = events.edit(posted.get().viewer().acting(), e.id(), input(f))
                .orElseThrow(() -> new NotFoundException("No such event."));
        if (result.event() != null) {
            Pages.redirect(res, "/events/" + e.id().value() + "?notice=Saved:+followers+get+the+change.");
            return;
        }
        pages.render(
                res,
                Status.UNPROCESSABLE_CONTENT_422,
                posted.get().viewerOptional(),
                "events/new",
                EventFormView.editing(
                        FormView.of("Edit " + e.name(), posted.get().viewer().csrf(), typed(f), result.errors()),
                        e.id().value()));
    }

    /** The confirmation step: deleting cannot be undone. */
    private void deleteForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        BranchEvent e = event(req);
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "events/delete",
                new EventDeleteView("Delete " + e.name(), viewer.get().csrf(), e.id().value(), e.name(), when(e)));
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = event(req);
        events.delete(posted.get().viewer().acting(), e.id());
        pages.message(
                res,
                Status.OK_200,
                posted.get().viewerOptional(),
                "Event deleted",
                "\u201c" + e.name()
                        + "\u201d is deleted: its page is gone and followers on other servers are told so.");
    }

    private static EventInput input(Parameters f) {
        return new EventInput(
                Forms.field(f, "name"),
                Forms.field(f, "content"),
                Forms.field(f, "startTime"),
                Forms.field(f, "endTime"),
                Forms.field(f, "timezone"),
                Forms.field(f, "placeName"),
                Forms.field(f, "placeAddress"),
                null,
                null,
                Forms.field(f, "onlineUrl"),
                Forms.field(f, "capacity"),
                f.first("joinMode").isPresent() ? "restricted" : "free",
                Forms.field(f, "category"),
                null);
    }

    /**
     * A start in the past is a mistake more often than not (a wrong year, AM for PM): publishing one
     * needs the box ticked. An event that already started may be edited without it.
     */
    private Optional<FieldError> unconfirmedPast(EventInput input, Parameters f) {
        EventInput.EventDraft d = input.check().draft();
        if (d == null
                || !d.start().isBefore(clock.instant())
                || f.first("confirmPast").isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new FieldError(
                "startTime",
                "Starts: that is in the past. Check the date, or tick the box below to publish it anyway."));
    }

    private static Map<String, String> askingPast(Parameters f) {
        Map<String, String> values = typed(f);
        values.put("askPast", "yes");
        return values;
    }

    /** What was typed, to show again with the errors: nothing is lost. */
    private static Map<String, String> typed(Parameters f) {
        Map<String, String> values = new HashMap<>();
        for (String name : List.of(
                "name",
                "content",
                "startTime",
                "endTime",
                "timezone",
                "placeName",
                "placeAddress",
                "onlineUrl",
                "capacity")) {
            values.put(name, Forms.field(f, name));
        }
        values.put("category_" + Forms.field(f, "category"), "selected");
        if (f.first("joinMode").isPresent()) {
            values.put("restricted", "checked");
        }
        return values;
    }

    /** The event the path names; 404 when there is none, 410 once it was deleted (for every page and form of it). */
    private BranchEvent event(ServerRequest req) {
        BranchEvent e;
        try {
            e = events.find(EventId.parse(req.path().pathParameters().get("id")))
                    .orElseThrow(() -> new NotFoundException("No such event."));
        } catch (IllegalArgumentException notAnId) {
            throw new NotFoundException("No such event.");
        }
        if (e.isDeleted()) {
            throw new HttpException("This event was deleted.", Status.GONE_410);
        }
        return e;
    }
}
