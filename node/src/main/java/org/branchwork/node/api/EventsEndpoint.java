package org.branchwork.node.api;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.AttendanceService;
import org.branchwork.node.service.EventInput;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.RsvpService;

/**
 * {@code /api/v1/events}: {@code POST} with SPEC's fields → 201 {@code {"id", "uuid", …}};
 * {@code GET} lists upcoming events; {@code GET|PATCH|DELETE /{uuid}}; {@code POST /{uuid}/cancel};
 * {@code POST /{uuid}/rsvps} for a local member (the signed-in member, or {@code {"member": id}}
 * with the admin token): 201 accepted, 202 pending approval, 202 {@code {"state": "waitlisted",
 * "position"}} when full; {@code DELETE /{uuid}/rsvps} to withdraw; {@code GET /{uuid}/rsvps}, the
 * attendee list, for organisers; {@code POST /{uuid}/rsvps/{rsvp}/promote}, an organiser gives a
 * waitlisted person a place by hand; {@code POST /{uuid}/attendance}, a tick at the door
 * ({@link AttendanceEndpoint}). An event that has started carries {@code attendedCount}.
 */
public final class EventsEndpoint implements HttpService {

    private static final String EXPECTED = "{\"name\", \"content\", \"startTime\", \"endTime\", \"timezone\", "
            + "\"location\"?: {\"name\", \"address\"}, \"onlineUrl\"?, \"capacity\"?, \"joinMode\"?, \"category\"?, \"campaign\"?}";

    private final EventService events;
    private final RsvpService attendance;
    private final LocalUris uris;
    private final ApiAuth auth;
    private final AttendanceEndpoint checkIn;
    private final java.time.Clock clock;

    public EventsEndpoint(
            EventService events,
            RsvpService attendance,
            AttendanceService checkIn,
            LocalUris uris,
            ApiAuth auth,
            java.time.Clock clock) {
        this.events = events;
        this.attendance = attendance;
        this.uris = uris;
        this.auth = auth;
        this.checkIn = new AttendanceEndpoint(checkIn, auth);
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::list)
                .get("/{id}", this::show)
                .patch("/{id}", this::edit)
                .delete("/{id}", this::delete)
                .post("/{id}/cancel", this::cancel)
                .post("/{id}/rsvps", this::rsvp)
                .delete("/{id}/rsvps", this::withdraw)
                .get("/{id}/rsvps", this::attendees)
                .post("/{id}/rsvps/{rsvp}/promote", this::promote)
                .post("/{id}/attendance", (req, res) -> id(req, res).ifPresent(id -> checkIn.mark(req, res, id)));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted = auth.posted(req, res, Role.ORGANISER, 256 * 1024, EXPECTED);
        if (posted.isEmpty()) {
            return;
        }
        // A node with no branch yet is refused by the service (NotSetUp: 409), answered by ErrorHandlers.
        EventService.Result result =
                events.create(posted.get().who(), input(posted.get().body()));
        if (result.event() == null) {
            ApiJson.invalid(res, "Invalid event", "invalid_event", result.errors());
            return;
        }
        res.headers().set(HeaderNames.LOCATION, uris.event(result.event().id()).toString());
        ApiJson.send(
                res,
                Status.CREATED_201,
                json(
                        result.event(),
                        EventCounts.of(result.event(), 0),
                        Optional.of(posted.get().who())));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted = auth.posted(req, res, Role.ORGANISER, 256 * 1024, EXPECTED);
        Optional<EventId> id = posted.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        Optional<EventService.Result> result =
                events.edit(posted.get().who(), id.get(), input(posted.get().body()));
        if (result.isEmpty()) {
            notFound(res);
        } else if (result.get().event() == null) {
            ApiJson.invalid(res, "Invalid event", "invalid_event", result.get().errors());
        } else {
            ApiJson.send(
                    res,
                    Status.OK_200,
                    json(
                            result.get().event(),
                            events.counts(result.get().event()),
                            Optional.of(posted.get().who())));
        }
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.MEMBER);
        Optional<EventId> id = who.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        events.find(id.get())
                .filter(e -> !e.isDeleted())
                .ifPresentOrElse(
                        e -> ApiJson.send(res, Status.OK_200, json(e, events.counts(e), who)), () -> notFound(res));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.MEMBER);
        if (who.isEmpty()) {
            return;
        }
        int page = ApiJson.intParam(req, "page", 1);
        List<BranchEvent> found = events.upcoming(page);
        ObjectNode out = ApiJson.JSON.createObjectNode();
        out.put("page", page).put("hasNext", found.size() > EventService.PAGE);
        ArrayNode items = out.putArray("items");
        found.stream().limit(EventService.PAGE).forEach(e -> items.add(json(e, events.counts(e), who)));
        ApiJson.send(res, Status.OK_200, out);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        Optional<EventId> id = who.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        if (events.delete(who.get(), id.get())) {
            res.status(Status.NO_CONTENT_204).send();
        } else {
            notFound(res);
        }
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        Optional<EventId> id = who.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        String reason = null;
        if (req.content().hasEntity()) {
            Optional<JsonNode> body = ApiJson.object(req, res, 8 * 1024, "{\"reason\"?}");
            if (body.isEmpty()) {
                return;
            }
            reason = ApiJson.text(body.get(), "reason");
        }
        events.cancel(who.get(), id.get(), reason)
                .ifPresentOrElse(
                        e -> ApiJson.send(res, Status.OK_200, json(e, events.counts(e), who)), () -> notFound(res));
    }

    private void rsvp(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.MEMBER);
        Optional<EventId> id = who.isEmpty() ? Optional.empty() : id(req, res);
        Optional<MemberId> member = id.isEmpty() ? Optional.empty() : member(who.get(), req, res);
        if (member.isEmpty()) {
            return;
        }
        switch (attendance.rsvp(member.get(), id.get())) {
            case RsvpService.Outcome.Accepted a ->
                ApiJson.send(res, Status.CREATED_201, rsvpJson(a.rsvp().id(), "accepted"));
            case RsvpService.Outcome.Pending p ->
                ApiJson.send(res, Status.ACCEPTED_202, rsvpJson(p.rsvp().id(), "pending"));
            case RsvpService.Outcome.Waitlisted w ->
                ApiJson.send(
                        res,
                        Status.ACCEPTED_202,
                        rsvpJson(w.rsvp().id(), "waitlisted").put("position", w.position()));
            case RsvpService.Outcome.Refused r ->
                new Problem(409, "rsvp_refused", "RSVP refused", r.reason()).send(res);
        }
    }

    private void withdraw(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.MEMBER);
        Optional<EventId> id = who.isEmpty() ? Optional.empty() : id(req, res);
        Optional<MemberId> member = id.isEmpty() ? Optional.empty() : member(who.get(), req, res);
        if (member.isEmpty()) {
            return;
        }
        if (attendance.withdraw(member.get(), id.get())) {
            res.status(Status.NO_CONTENT_204).send();
        } else {
            new Problem(404, "no_rsvp", "Not found", "There is no RSVP to withdraw.").send(res);
        }
    }

    private void attendees(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        Optional<EventId> id = who.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        ObjectNode out = ApiJson.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (RsvpService.Attendee a : attendance.attendees(who.get(), id.get())) {
            ObjectNode n = items.addObject()
                    .put("id", a.rsvpId())
                    .put("name", a.name())
                    .put("kind", a.kind())
                    .put("state", a.state().code())
                    .put("since", a.since().toString());
            if (a.actor() != null) {
                n.put("actor", a.actor().toString());
            }
            if (a.position() > 0) {
                n.put("position", a.position());
            }
        }
        ApiJson.send(res, Status.OK_200, out);
    }

    private void promote(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        Optional<EventId> id = who.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        String rsvp = req.path().pathParameters().get("rsvp");
        if (attendance.promote(who.get(), id.get(), rsvp)) {
            ApiJson.send(res, Status.OK_200, rsvpJson(rsvp, "accepted"));
        } else {
            new Problem(
                            409,
                            "not_waitlisted",
                            "Not on the waiting list",
                            "This RSVP is not on the event's waiting list (any more), or the event is cancelled or over.")
                    .send(res);
        }
    }

    /** The member an RSVP is for: the signed-in member, or the one the admin token names. */
    private static Optional<MemberId> member(Acting who, ServerRequest req, ServerResponse res) {
        if (who.member() != null) {
            return Optional.of(who.member());
        }
        Optional<JsonNode> body = ApiJson.object(req, res, 1024, "{\"member\": id}");
        if (body.isEmpty()) {
            return Optional.empty();
        }
        if (!body.get().path("member").canConvertToLong()) {
            new Problem(
                            422,
                            "missing_member",
                            "Invalid RSVP",
                            "With the admin token, name the member: {\"member\": id}.")
                    .send(res);
            return Optional.empty();
        }
        return Optional.of(new MemberId(body.get().get("member").asLong()));
    }

    private static EventInput input(JsonNode b) {
        JsonNode location = b.path("location");
        return new EventInput(
                ApiJson.text(b, "name"),
                ApiJson.text(b, "content"),
                ApiJson.text(b, "startTime"),
                ApiJson.text(b, "endTime"),
                ApiJson.text(b, "timezone"),
                ApiJson.text(location, "name"),
                ApiJson.text(location, "address"),
                ApiJson.text(location, "latitude"),
                ApiJson.text(location, "longitude"),
                ApiJson.text(b, "onlineUrl"),
                ApiJson.text(b, "capacity"),
                ApiJson.text(b, "joinMode"),
                ApiJson.text(b, "category"),
                ApiJson.text(b, "campaign"));
    }

    private static Optional<EventId> id(ServerRequest req, ServerResponse res) {
        try {
            return Optional.of(EventId.parse(req.path().pathParameters().get("id")));
        } catch (IllegalArgumentException e) {
            notFound(res);
            return Optional.empty();
        }
    }

    private static void notFound(ServerResponse res) {
        new Problem(404, "not_found", "Not found", "No such event (the path takes the uuid the API returned).")
                .send(res);
    }

    private static ObjectNode rsvpJson(String id, String state) {
        return ApiJson.JSON.createObjectNode().put("id", id).put("state", state);
    }

    private ObjectNode json(BranchEvent e, EventCounts counts, Optional<Acting> who) {
        ObjectNode out = ApiJson.JSON.createObjectNode();
        out.put("id", uris.event(e.id()).toString())
                .put("uuid", e.id().value())
                .put("name", e.name())
                .put("content", e.markdown())
                .put("startTime", e.start().toString())
                .put("endTime", e.end().toString())
                .put("timezone", e.zone().getId())
                .put("joinMode", e.joinMode().code())
                .put("category", e.category().code())
                .put("status", e.cancelled() ? "cancelled" : "confirmed")
                .put("participantCount", counts.participants())
                .put("waitlistCount", counts.waiting());
        // Once the doors open: live while organisers check people in, final once the event is over.
        if (!e.start().isAfter(clock.instant())) {
            out.put("attendedCount", counts.attended());
        }
        if (e.place() != null) {
            out.putObject("location")
                    .put("name", e.place().name())
                    .put("address", e.place().address());
        }
        out.put("isOnline", e.isOnline());
        attendance.onlineLinkFor(who, e).ifPresent(link -> out.put("onlineUrl", link.toString()));
        if (e.capacity() != null) {
            out.put("capacity", e.capacity()).put("remainingAttendeeCapacity", counts.remaining());
        }
        if (e.campaign() != null) {
            out.put("campaign", e.campaign().toString());
        }
        out.put("ical", uris.event(e.id()) + "/calendar.ics");
        return out;
    }
}
