package org.branchwork.node.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Mailing;
import org.branchwork.node.domain.MailingId;
import org.branchwork.node.domain.MailingProgress;
import org.branchwork.node.domain.Role;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.MailingService;

/**
 * {@code /api/v1/mailings}: {@code POST} writes a mailing ({@code subject}, Markdown {@code content},
 * {@code purpose} branch or national, {@code audience} of tags, postcode prefixes, joinedSince and
 * an event) and answers with how many members it reaches; {@code POST /{id}/send} sends it now or
 * {@code at} a time; {@code GET /{id}} shows its state and counts. Organisers and admins; the
 * pages call the same service.
 */
public final class MailingsEndpoint implements HttpService {

    private final MailingService mailings;
    private final ApiAuth auth;

    public MailingsEndpoint(MailingService mailings, ApiAuth auth) {
        this.mailings = mailings;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::list)
                .get("/{id}", this::show)
                .post("/{id}/send", this::send);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = ApiJson.object(
                req,
                res,
                128 * 1024,
                "{\"subject\", \"content\", \"purpose\"?, \"audience\"?: {\"tags\"?, \"postcodes\"?, \"joinedSince\"?,"
                        + " \"event\"?}}");
        if (body.isEmpty()) {
            return;
        }
        JsonNode b = body.get();
        JsonNode a = b.path("audience");
        switch (mailings.create(
                who.get(),
                new MailingService.Input(
                        ApiJson.text(b, "subject"),
                        ApiJson.text(b, "content"),
                        ApiJson.text(b, "purpose"),
                        joined(a.path("tags")),
                        joined(a.path("postcodes")),
                        a.isObject() ? ApiJson.text(a, "joinedSince") : null,
                        a.isObject() ? ApiJson.text(a, "event") : null))) {
            case MailingService.Saved.Done done ->
                ApiJson.send(
                        res,
                        Status.CREATED_201,
                        ApiJson.JSON
                                .createObjectNode()
                                .put("id", done.mailing().id().value())
                                .put("state", done.mailing().state().code())
                                .put("recipients", done.recipients()));
            case MailingService.Saved.Invalid invalid ->
                ApiJson.invalid(res, "Invalid mailing", "invalid_mailing", invalid.errors());
        }
    }

    private static String joined(JsonNode list) {
        StringBuilder out = new StringBuilder();
        if (list.isArray()) {
            list.forEach(t -> out.append(t.asText().replace(",", " ")).append(','));
        } else if (list.isTextual()) {
            out.append(list.asText());
        }
        return out.toString();
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        ObjectNode out = ApiJson.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (Mailing m : mailings.recent(who.get(), 100)) {
            items.add(json(m, mailings.progress(m), mailings.recipients(m)));
        }
        ApiJson.send(res, Status.OK_200, out);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        Optional<Mailing> m = id(req).flatMap(id -> mailings.find(who.get(), id));
        if (m.isEmpty()) {
            new Problem(404, "not_found", "Not found", "No such mailing.").send(res);
            return;
        }
        ApiJson.send(res, Status.OK_200, json(m.get(), mailings.progress(m.get()), mailings.recipients(m.get())));
    }

    private void send(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        Optional<MailingId> id = id(req);
        if (id.isEmpty() || mailings.find(who.get(), id.get()).isEmpty()) {
            new Problem(404, "not_found", "Not found", "No such mailing.").send(res);
            return;
        }
        Instant at = null;
        if (req.content().hasEntity()) {
            Optional<JsonNode> body = ApiJson.object(req, res, 4 * 1024, "{\"at\"?: instant}");
            if (body.isEmpty()) {
                return;
            }
            String text = ApiJson.text(body.get(), "at");
            if (text != null) {
                try {
                    at = Instant.parse(text);
                } catch (DateTimeParseException e) {
                    new Problem(
                                    422,
                                    "invalid_at",
                                    "Invalid time",
                                    "at must be an instant such as 2026-12-24T09:00:00Z.")
                            .send(res);
                    return;
                }
            }
        }
        switch (mailings.send(who.get(), id.get(), at)) {
            case MailingService.Sending.Queued q ->
                ApiJson.send(
                        res,
                        Status.ACCEPTED_202,
                        ApiJson.JSON.createObjectNode().put("state", "sending").put("recipients", q.recipients()));
            case MailingService.Sending.Scheduled s ->
                ApiJson.send(
                        res,
                        Status.ACCEPTED_202,
                        ApiJson.JSON
                                .createObjectNode()
                                .put("state", "scheduled")
                                .put("at", s.at().toString()));
            case MailingService.Sending.Refused r -> new Problem(409, "not_sent", "Not sent", r.reason()).send(res);
        }
    }

    private static Optional<MailingId> id(ServerRequest req) {
        try {
            long id = Long.parseLong(req.path().pathParameters().get("id"));
            return id > 0 ? Optional.of(new MailingId(id)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static ObjectNode json(Mailing m, MailingProgress p, int recipients) {
        ObjectNode o = ApiJson.JSON
                .createObjectNode()
                .put("id", m.id().value())
                .put("subject", m.subject())
                .put("purpose", m.purpose().code())
                .put("state", m.state().code())
                .put("recipients", recipients)
                .put("queued", p.queued())
                .put("sent", p.sent())
                .put("failed", p.failed())
                .put("unsubscribed", p.unsubscribed());
        if (m.sendAt() != null) {
            o.put("sendAt", m.sendAt().toString());
        }
        return o;
    }
}
