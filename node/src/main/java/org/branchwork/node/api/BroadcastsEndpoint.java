package org.branchwork.node.api;

import java.net.URI;
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

import org.branchwork.node.domain.BranchRelay;
import org.branchwork.node.domain.Broadcast;
import org.branchwork.node.domain.BroadcastId;
import org.branchwork.node.domain.ReceivedBroadcast;
import org.branchwork.node.domain.Role;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.BroadcastService;
import org.branchwork.node.service.RelayService;

/**
 * {@code /api/v1/broadcasts} (organisers). A branch: {@code GET} lists the broadcasts received
 * ({@code items}, each with its state and, once mailed, counts); {@code POST /{id}/approve}
 * {@code {"intro"?}} mails it → 202, {@code POST /{id}/decline} → 200; admins set which senders'
 * broadcasts are approved as they arrive ({@code GET|POST /auto-approve} {@code {"sender"}},
 * {@code DELETE /auto-approve?sender=}). The sender (national): {@code POST}
 * {@code {"subject", "content", "segment"?}} publishes one → 201; {@code GET} lists them too
 * ({@code published}); {@code GET /{uuid}} shows the totals and each branch's status. The pages
 * call the same services.
 */
public final class BroadcastsEndpoint implements HttpService {

    private final BroadcastService broadcasts;
    private final RelayService relay;
    private final LocalUris uris;
    private final ApiAuth auth;

    public BroadcastsEndpoint(BroadcastService broadcasts, RelayService relay, LocalUris uris, ApiAuth auth) {
        this.broadcasts = broadcasts;
        this.relay = relay;
        this.uris = uris;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/", this::publish)
                .get("/auto-approve", this::autoApproved)
                .post("/auto-approve", (req, res) -> autoApprove(req, res, true))
                .delete("/auto-approve", (req, res) -> autoApprove(req, res, false))
                .get("/{id}", this::show)
                .post("/{id}/approve", this::approve)
                .post("/{id}/decline", this::decline);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        ObjectNode out = ApiJson.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        relay.list(who.get(), 100).forEach(i -> items.add(received(i)));
        ArrayNode published = out.putArray("published");
        broadcasts.recent(who.get(), 100).forEach(b -> published.add(own(b)));
        ApiJson.send(res, Status.OK_200, out);
    }

    private void publish(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted = auth.posted(
                req, res, Role.ORGANISER, 128 * 1024, "{\"subject\", \"content\", \"segment\"?: campaign id}");
        if (posted.isEmpty()) {
            return;
        }
        JsonNode b = posted.get().body();
        String segment = ApiJson.text(b, "segment");
        if (segment != null && segment.contains("/")) {
            // A campaign named by its IRI, as the campaigns API gives it.
            segment = uris.campaignIdOf(uri(segment)).map(id -> id.value()).orElse(segment);
        }
        BroadcastService.Result result = broadcasts.publish(
                posted.get().who(),
                new BroadcastService.Input(ApiJson.text(b, "subject"), ApiJson.text(b, "content"), segment));
        if (result.broadcast() == null) {
            ApiJson.invalid(res, "Invalid broadcast", "invalid_broadcast", result.errors());
            return;
        }
        res.headers()
                .set(
                        HeaderNames.LOCATION,
                        uris.broadcast(result.broadcast().id()).toString());
        ApiJson.send(res, Status.CREATED_201, own(result.broadcast()));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        String id = req.path().pathParameters().get("id");
        Optional<Long> number = number(id);
        if (number.isPresent()) {
            Optional<RelayService.Item> item = relay.find(who.get(), number.get());
            if (item.isEmpty()) {
                notFound(res);
                return;
            }
            ApiJson.send(res, Status.OK_200, received(item.get()));
            return;
        }
        Optional<BroadcastService.Standing> standing;
        try {
            standing = broadcasts.standing(who.get(), BroadcastId.parse(id));
        } catch (IllegalArgumentException e) {
            standing = Optional.empty();
        }
        if (standing.isEmpty()) {
            notFound(res);
            return;
        }
        BroadcastService.Standing s = standing.get();
        ObjectNode out = own(s.broadcast());
        out.putObject("totals")
                .put("sent", s.totals().sent())
                .put("failed", s.totals().failed())
                .put("unsubscribed", s.totals().unsubscribed());
        ArrayNode branches = out.putArray("branches");
        for (BranchRelay r : s.branches()) {
            ObjectNode o = branches.addObject()
                    .put("branch", r.branch().toString())
                    .put("state", r.state().code())
                    .put("sent", r.counts().sent())
                    .put("failed", r.counts().failed())
                    .put("unsubscribed", r.counts().unsubscribed());
            if (r.reportedAt() != null) {
                o.put("reportedAt", r.reportedAt().toString());
            }
        }
        ApiJson.send(res, Status.OK_200, out);
    }

    private void approve(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        Optional<Long> id = number(req.path().pathParameters().get("id"));
        if (id.isEmpty() || relay.find(who.get(), id.get()).isEmpty()) {
            notFound(res);
            return;
        }
        String intro = null;
        if (req.content().hasEntity()) {
            Optional<JsonNode> body = ApiJson.object(req, res, 16 * 1024, "{\"intro\"?: Markdown}");
            if (body.isEmpty()) {
                return;
            }
            intro = ApiJson.text(body.get(), "intro");
        }
        switch (relay.approve(who.get(), id.get(), intro)) {
            case RelayService.Decided.Approved a ->
                ApiJson.send(
                        res,
                        Status.ACCEPTED_202,
                        ApiJson.JSON.createObjectNode().put("state", "approved").put("recipients", a.recipients()));
            case RelayService.Decided.AlreadyDecided d -> alreadyDecided(res, d);
            case RelayService.Decided.Refused r -> new Problem(409, "not_sent", "Not sent", r.reason()).send(res);
            case RelayService.Decided.Declined d ->
                alreadyDecided(res, new RelayService.Decided.AlreadyDecided(ReceivedBroadcast.Decision.DECLINED));
        }
    }

    private void decline(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        Optional<Long> id = number(req.path().pathParameters().get("id"));
        if (id.isEmpty() || relay.find(who.get(), id.get()).isEmpty()) {
            notFound(res);
            return;
        }
        switch (relay.decline(who.get(), id.get())) {
            case RelayService.Decided.AlreadyDecided d -> alreadyDecided(res, d);
            default ->
                ApiJson.send(res, Status.OK_200, ApiJson.JSON.createObjectNode().put("state", "declined"));
        }
    }

    private void autoApproved(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        ObjectNode out = ApiJson.JSON.createObjectNode();
        ArrayNode senders = out.putArray("senders");
        relay.autoApproved(who.get()).forEach(s -> senders.add(s.toString()));
        ApiJson.send(res, Status.OK_200, out);
    }

    private void autoApprove(ServerRequest req, ServerResponse res, boolean on) {
        Optional<Acting> who = auth.acting(req, res, Role.ADMIN);
        if (who.isEmpty()) {
            return;
        }
        String sender;
        if (on) {
            Optional<JsonNode> body = ApiJson.object(req, res, 4 * 1024, "{\"sender\": actor IRI}");
            if (body.isEmpty()) {
                return;
            }
            sender = ApiJson.text(body.get(), "sender");
        } else {
            sender = req.query().first("sender").orElse(null);
        }
        URI actor = sender == null ? null : uri(sender);
        if (actor == null || !actor.isAbsolute()) {
            new Problem(
                            422,
                            "invalid_sender",
                            "Invalid sender",
                            "sender is the actor IRI of a node the branch follows.")
                    .send(res);
            return;
        }
        Optional<String> refused = relay.setAutoApprove(who.get(), actor, on);
        if (refused.isPresent()) {
            new Problem(422, "invalid_sender", "Invalid sender", refused.get()).send(res);
            return;
        }
        if (on) {
            ApiJson.send(res, Status.OK_200, ApiJson.JSON.createObjectNode().put("sender", actor.toString()));
        } else {
            res.status(Status.NO_CONTENT_204).send();
        }
    }

    private static void alreadyDecided(ServerResponse res, RelayService.Decided.AlreadyDecided d) {
        new Problem(
                        409,
                        "already_decided",
                        "Already decided",
                        "This broadcast was " + d.decision().code() + " already.")
                .send(res);
    }

    private static void notFound(ServerResponse res) {
        new Problem(404, "not_found", "Not found", "No such broadcast.").send(res);
    }

    private static Optional<Long> number(String text) {
        try {
            long n = Long.parseLong(text);
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static URI uri(String text) {
        try {
            return URI.create(text.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private ObjectNode own(Broadcast b) {
        ObjectNode o = ApiJson.JSON
                .createObjectNode()
                .put("id", uris.broadcast(b.id()).toString())
                .put("uuid", b.id().value())
                .put("subject", b.subject())
                .put("published", b.published().toString());
        if (b.segment() != null) {
            o.put("segment", uris.campaign(b.segment()).toString());
        }
        return o;
    }

    private static ObjectNode received(RelayService.Item i) {
        ReceivedBroadcast b = i.broadcast();
        ObjectNode o = ApiJson.JSON
                .createObjectNode()
                .put("id", b.id())
                .put("broadcast", b.broadcast().toString())
                .put("sender", b.sender().toString())
                .put("subject", b.subject())
                .put("state", i.state().code())
                .put("receivedAt", b.receivedAt().toString());
        if (b.senderName() != null) {
            o.put("senderName", b.senderName());
        }
        if (b.segment() != null) {
            o.put("segment", b.segment().toString());
        }
        if (b.intro() != null) {
            o.put("intro", b.intro());
        }
        if (i.mailing() != null) {
            o.put("recipients", i.mailing().recipients())
                    .put("queued", i.progress().queued())
                    .put("sent", i.progress().sent())
                    .put("failed", i.progress().failed())
                    .put("unsubscribed", i.progress().unsubscribed());
        }
        return o;
    }
}
