package org.branchwork.node.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.MemberQuery;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.AttendanceService;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.MemberService;
import org.branchwork.node.service.RequestRefused;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.CheckInView;

/**
 * The organisers' door list of an event ({@code /events/{id}/check-in}), made for a phone: a GET
 * search (no script needed), one form per tick (each its own request and its own row update, so
 * organisers on several phones lose nothing), members found by the search who are not on the list,
 * and the walk-in form. Every answer comes back to the same search and the same row.
 */
public final class CheckInPages implements HttpService {

    private static final int MATCHES = 10;

    private final EventService events;
    private final AttendanceService attendance;
    private final MemberService members;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public CheckInPages(
            EventService events,
            AttendanceService attendance,
            MemberService members,
            Sessions sessions,
            Csrf csrf,
            Pages pages) {
        this.events = events;
        this.attendance = attendance;
        this.members = members;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/events/{id}/check-in", this::show)
                .post("/events/{id}/check-in/walk-in", this::walkIn)
                .post("/events/{id}/check-in/{rsvp}", this::tick);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        BranchEvent e = EventPages.liveEvent(events, req);
        render(
                res,
                Status.OK_200,
                viewer.get(),
                e,
                req.query().first("q").orElse(""),
                req.query().first("notice").orElse(null),
                null,
                "",
                "");
    }

    private void tick(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = EventPages.liveEvent(events, req);
        Parameters f = posted.get().form();
        String rsvp = req.path().pathParameters().get("rsvp");
        String q = Forms.field(f, "q");
        try {
            Optional<AttendanceService.Marked> marked = attendance.tick(
                    posted.get().viewer().acting(), e.id(), rsvp, "true".equals(Forms.field(f, "attended")));
            if (marked.isEmpty()) {
                back(res, e, q, "They are not on this event's list.", null);
            } else {
                back(res, e, q, null, "r-" + rsvp);
            }
        } catch (RequestRefused.Invalid refused) {
            render(res, Status.CONFLICT_409, posted.get().viewer(), e, q, null, refused.getMessage(), "", "");
        }
    }

    private void walkIn(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = EventPages.liveEvent(events, req);
        Parameters f = posted.get().form();
        Viewer v = posted.get().viewer();
        String q = Forms.field(f, "q");
        String name = Forms.field(f, "name");
        String email = Forms.field(f, "email");
        try {
            AttendanceService.Marked marked;
            String member = Forms.field(f, "member");
            if (!member.isBlank()) {
                long id;
                try {
                    id = Long.parseLong(member.strip());
                } catch (NumberFormatException notANumber) {
                    throw new RequestRefused.NotFound("There is no such member.");
                }
                marked =
                        attendance.mark(v.acting(), e.id(), new AttendanceService.Person.Local(new MemberId(id)), true);
            } else {
                marked = attendance.walkIn(
                        v.acting(),
                        e.id(),
                        name,
                        email,
                        Forms.field(f, "postcode"),
                        !Forms.field(f, "consent").isBlank());
            }
            back(
                    res,
                    e,
                    q,
                    marked.walkIn() ? "Walk-in added and checked in." : "They were on the list: checked in.",
                    "r-" + marked.rsvp());
        } catch (RequestRefused.Invalid refused) {
            render(res, Status.UNPROCESSABLE_CONTENT_422, v, e, q, null, refused.getMessage(), name, email);
        }
    }

    private void back(ServerResponse res, BranchEvent e, String q, String notice, String anchor) {
        StringBuilder to = new StringBuilder("/events/" + e.id().value() + "/check-in");
        String sep = "?";
        if (q != null && !q.isBlank()) {
            to.append(sep).append("q=").append(URLEncoder.encode(q, StandardCharsets.UTF_8));
            sep = "&";
        }
        if (notice != null) {
            to.append(sep).append("notice=").append(URLEncoder.encode(notice, StandardCharsets.UTF_8));
        }
        if (anchor != null) {
            to.append('#').append(anchor);
        }
        Pages.redirect(res, to.toString());
    }

    private void render(
            ServerResponse res,
            Status status,
            Viewer v,
            BranchEvent e,
            String q,
            String notice,
            String error,
            String walkInName,
            String walkInEmail) {
        AttendanceService.Door door = attendance.door(v.acting(), e.id(), q);
        List<CheckInView.Row> rows = door.entries().stream()
                .map(r -> new CheckInView.Row(
                        r.rsvp(),
                        r.name(),
                        r.walkIn() ? "walk-in" : r.kind(),
                        r.state().code(),
                        r.checkedIn(),
                        r.outcome()))
                .toList();
        List<CheckInView.Match> notListed = List.of();
        if (q != null && !q.isBlank()) {
            Set<MemberId> listed = new HashSet<>();
            attendance.door(v.acting(), e.id(), "").entries().stream()
                    .filter(r -> r.member() != null)
                    .forEach(r -> listed.add(r.member()));
            notListed =
                    members
                            .search(v.acting(), new MemberQuery(q, "", "", null, MemberQuery.Sort.NAME, 1, MATCHES))
                            .rows()
                            .stream()
                            .map(MemberService.Row::member)
                            .filter(m -> !listed.contains(m.id()))
                            .map(m -> new CheckInView.Match(m.id().value(), m.displayName(), m.email()))
                            .toList();
        }
        pages.render(
                res,
                status,
                Optional.of(v),
                "events/check-in",
                new CheckInView(
                        "Check-in: " + e.name(),
                        v.csrf(),
                        e.id().value(),
                        e.name(),
                        EventPages.when(e),
                        q == null ? "" : q,
                        rows,
                        notListed,
                        door.listed(),
                        door.checkedIn(),
                        door.over(),
                        walkInName,
                        walkInEmail,
                        notice,
                        error));
    }
}
