package org.branchwork.node.api;

import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.AttendanceService;

/**
 * {@code POST /api/v1/events/{uuid}/attendance} (organisers), one tick at the door:
 * {@code {"member"?: id | "actor"?: actor id | "rsvp"?: id | "walkIn"?: {"name", "email"?,
 * "postcode"?, "consent"?}, "attended": true | false}}. Someone not on the list is added as a walk-in (201),
 * a tick of someone on it answers 200; ticking twice is one check-in. Routed by
 * {@link EventsEndpoint}, which owns the path.
 */
final class AttendanceEndpoint {

    static final String EXPECTED = "{\"member\"?: id | \"actor\"?: actor id | \"rsvp\"?: id | "
            + "\"walkIn\"?: {\"name\", \"email\"?, \"postcode\"?, \"consent\"?}, \"attended\": true | false}";

    private final AttendanceService attendance;
    private final ApiAuth auth;

    AttendanceEndpoint(AttendanceService attendance, ApiAuth auth) {
        this.attendance = attendance;
        this.auth = auth;
    }

    void mark(ServerRequest req, ServerResponse res, EventId id) {
        Optional<ApiAuth.Posted> posted = auth.posted(req, res, Role.ORGANISER, 8 * 1024, EXPECTED);
        if (posted.isEmpty()) {
            return;
        }
        JsonNode b = posted.get().body();
        if (!b.path("attended").isBoolean()) {
            invalid(res, "Say whether they attended: \"attended\": true or false.");
            return;
        }
        boolean attended = b.get("attended").booleanValue();
        AttendanceService.Marked marked;
        if (b.path("member").canConvertToLong()) {
            marked = attendance.mark(
                    posted.get().who(),
                    id,
                    new AttendanceService.Person.Local(
                            new MemberId(b.get("member").asLong())),
                    attended);
        } else if (b.path("actor").isTextual()) {
            URI actor;
            try {
                actor = URI.create(b.get("actor").asText());
            } catch (IllegalArgumentException e) {
                invalid(res, "\"actor\" must be an actor id (a URL).");
                return;
            }
            if (!"https".equals(actor.getScheme()) && !"http".equals(actor.getScheme()) || actor.getHost() == null) {
                invalid(res, "\"actor\" must be an actor id (a URL).");
                return;
            }
            marked = attendance.mark(posted.get().who(), id, new AttendanceService.Person.Remote(actor), attended);
        } else if (b.path("rsvp").isTextual()) {
            Optional<AttendanceService.Marked> ticked =
                    attendance.tick(posted.get().who(), id, b.get("rsvp").asText(), attended);
            if (ticked.isEmpty()) {
                new Problem(404, "no_rsvp", "Not found", "The event has no such RSVP.").send(res);
                return;
            }
            marked = ticked.get();
        } else if (b.path("walkIn").isObject()) {
            if (!attended) {
                invalid(res, "A walk-in is added checked in; un-tick them by their \"rsvp\" id.");
                return;
            }
            JsonNode w = b.get("walkIn");
            marked = attendance.walkIn(
                    posted.get().who(),
                    id,
                    ApiJson.text(w, "name"),
                    ApiJson.text(w, "email"),
                    ApiJson.text(w, "postcode"),
                    w.path("consent").asBoolean(false));
        } else {
            invalid(res, "Name who: \"member\", \"actor\", \"rsvp\" or \"walkIn\".");
            return;
        }
        var out = ApiJson.JSON.createObjectNode();
        if (marked.rsvp() != null) {
            out.put("rsvp", marked.rsvp());
        }
        out.put("attended", marked.attended()).put("walkIn", marked.walkIn());
        ApiJson.send(res, marked.walkIn() ? Status.CREATED_201 : Status.OK_200, out);
    }

    private static void invalid(ServerResponse res, String detail) {
        new Problem(422, "invalid_attendance", "Invalid attendance", detail).send(res);
    }
}
