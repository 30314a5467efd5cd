package org.branchwork.node.web.pages;

import java.io.StringWriter;
import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
import org.branchwork.node.domain.Role;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.RsvpService;
import org.branchwork.node.service.SpreadsheetCsv;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.EventView;

/**
 * Events on the branch's site: the public page of each ({@code /events/{id}}, with RSVP for
 * members, the attendee list and cancel for organisers), the organisers' form for a new event, and
 * the attendee export. ActivityPub clients asking for the same IRIs get JSON from ObjectEndpoint.
 */
public final class EventPages implements HttpService {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private final EventService events;
    private final RsvpService attendance;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    private final java.time.Clock clock;

    public EventPages(
            EventService events,
            RsvpService attendance,
            Sessions sessions,
            Csrf csrf,
            Pages pages,
            java.time.Clock clock) {
        this.clock = clock;
        this.events = events;
        this.attendance = attendance;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    /** The form's {@code datetime-local} value. */
    @Override
    public void routing(HttpRules rules) {
        rules.get("/events/{id}", this::show)
                .post("/events/{id}/rsvp", (req, res) -> rsvp(req, res, true))
                .post("/events/{id}/withdraw", (req, res) -> rsvp(req, res, false))
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
        Optional<Rsvp> mine = viewer.flatMap(v -> attendance.rsvpOf(v.member().id(), e.id()))
                .filter(r -> r.state() != Rsvp.State.WITHDRAWN);
        boolean organiser = viewer.map(v -> v.can(Role.ORGANISER)).orElse(false);
        List<EventView.AttendeeRow> attendees = organiser
                ? attendance.attendees(viewer.get().acting(), e.id()).stream()
                        .map(a -> new EventView.AttendeeRow(
                                a.rsvpId(),
                                a.name(),
                                a.kind(),
                                a.position() > 0
                                        ? "waiting list, number " + a.position()
                                        : a.state().code(),
                                a.state() == Rsvp.State.PENDING,
                                a.state() == Rsvp.State.WAITLISTED))
                        .toList()
                : List.of();
        String places = e.capacity() == null
                ? null
                : counts.remaining() + " of " + e.capacity() + " places left"
                        + (counts.waiting() > 0 ? ", " + counts.waiting() + " on the waiting list" : "");
        int position = mine.filter(r -> r.state() == Rsvp.State.WAITLISTED)
                .map(attendance::positionOf)
                .orElse(0);
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
                        mine.map(r -> r.state() == Rsvp.State.WAITLISTED
                                        ? "on the waiting list, number " + position
                                        : r.state().code())
                                .orElse(null),
                        position > 0,
                        viewer.isPresent() && mine.isEmpty() && open && !full,
                        viewer.isPresent() && mine.isEmpty() && open && full,
                        attendance
                                .onlineLinkFor(viewer.map(Viewer::acting), e)
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
            attendance.withdraw(v.member().id(), e.id());
            Pages.redirect(res, "/events/" + e.id().value() + "?notice=Your+RSVP+is+withdrawn.");
            return;
        }
        switch (attendance.rsvp(v.member().id(), e.id())) {
            case RsvpService.Outcome.Accepted a ->
                Pages.redirect(res, "/events/" + e.id().value() + "?notice=You're+coming.");
            case RsvpService.Outcome.Pending p ->
                Pages.redirect(
                        res, "/events/" + e.id().value() + "?notice=Thanks:+an+organiser+will+confirm+your+place.");
            case RsvpService.Outcome.Waitlisted w ->
                Pages.redirect(
                        res,
                        "/events/" + e.id().value() + "?notice=You're+on+the+waiting+list,+number+" + w.position()
                                + ":+we'll+write+when+a+place+is+yours.");
            case RsvpService.Outcome.Refused r -> render(res, Status.CONFLICT_409, Optional.of(v), e, null, r.reason());
        }
    }

    private void decide(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = event(req);
        String decision = Forms.field(posted.get().form(), "decision");
        if ("promote".equals(decision)) {
            boolean promoted = attendance.promote(
                    posted.get().viewer().acting(),
                    e.id(),
                    req.path().pathParameters().get("rsvp"));
            Pages.redirect(
                    res,
                    "/events/" + e.id().value()
                            + (promoted
                                    ? "?notice=They+have+a+place+now.+We+told+them."
                                    : "?notice=They+are+not+waiting+any+more."));
            return;
        }
        boolean accept = "accept".equals(decision);
        attendance.approve(
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
            for (RsvpService.Attendee a : attendance.attendees(viewer.get().acting(), e.id())) {
                csv.row(a.name(), a.kind(), a.state().code(), a.since(), a.actor());
            }
        }
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.headers().set(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"attendees.csv\"");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(out.toString());
    }

    private BranchEvent event(ServerRequest req) {
        return liveEvent(events, req);
    }

    /** The event the path names; 404 when there is none, 410 once it was deleted (for every page and form of it). */
    static BranchEvent liveEvent(EventService events, ServerRequest req) {
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
