package org.branchwork.node.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.ConsultationInput;
import org.branchwork.node.service.ConsultationNetwork;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.service.ConsultationTakeUp;

/**
 * {@code /api/v1/consultations} (issue 19's operator contract, on this node): {@code POST} creates
 * one (organisers, admins) and answers 201 with its {@code id}, the IRI; {@code GET} lists them;
 * {@code GET /{uuid}} gives state, totals, ballots, electorate, the STV rounds and the node as its
 * one branch; {@code POST /{uuid}/close} closes and counts it. {@code POST /ballot} casts a ballot:
 * only from a signed-in member's session (the admin token is refused: it is nobody's vote).
 */
public final class ConsultationsEndpoint implements HttpService {

    private final ConsultationService consultations;
    private final ConsultationNetwork network;
    private final ConsultationTakeUp takeUp;
    private final LocalUris uris;
    private final ConsultationJson json;
    private final ApiAuth auth;

    public ConsultationsEndpoint(
            ConsultationService consultations,
            ConsultationNetwork network,
            ConsultationTakeUp takeUp,
            LocalUris uris,
            Supplier<Optional<URI>> branchActor,
            ApiAuth auth) {
        this.consultations = consultations;
        this.network = network;
        this.takeUp = takeUp;
        this.uris = uris;
        this.json = new ConsultationJson(uris, branchActor);
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::list)
                .post("/ballot", this::ballot)
                .post("/take-up", this::takeUp)
                .get("/auto-take-up", this::autoTakeUps)
                .post("/auto-take-up", (req, res) -> autoTakeUp(req, res, true))
                .delete("/auto-take-up", (req, res) -> autoTakeUp(req, res, false))
                .get("/{uuid}", this::show)
                .post("/{uuid}/close", this::close);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted = auth.posted(
                req,
                res,
                Role.ORGANISER,
                128 * 1024,
                "{\"title\", \"content\", \"options\": [names], \"method\": \"single\"|\"approval\"|\"ranked\","
                        + " \"maxChoices\"?, \"seats\"?, \"kind\": \"advisory\"|\"binding\", \"opensAt\"?, \"closesAt\","
                        + " \"electorateCutoff\"?, \"quorum\"?}");
        if (posted.isEmpty()) {
            return;
        }
        JsonNode b = posted.get().body();
        List<String> options = new ArrayList<>();
        b.path("options").forEach(o -> options.add(o.asText()));
        var typed = new ConsultationInput.Typed(
                ApiJson.text(b, "title"),
                ApiJson.text(b, "content"),
                options,
                ApiJson.text(b, "method"),
                ApiJson.text(b, "maxChoices"),
                ApiJson.text(b, "seats"),
                ApiJson.text(b, "kind"),
                ApiJson.text(b, "opensAt"),
                ApiJson.text(b, "closesAt"),
                ApiJson.text(b, "electorateCutoff"),
                ApiJson.text(b, "quorum"));
        switch (consultations.create(posted.get().who(), typed)) {
            case ConsultationService.Saved.Done done -> {
                res.headers()
                        .set(
                                HeaderNames.LOCATION,
                                uris.consultation(done.consultation().id()).toString());
                ApiJson.send(
                        res,
                        Status.CREATED_201,
                        shown(posted.get().who(), done.consultation().id()));
            }
            case ConsultationService.Saved.Invalid invalid ->
                ApiJson.invalid(res, "Invalid consultation", "invalid_consultation", invalid.errors());
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.MEMBER);
        if (who.isEmpty()) {
            return;
        }
        ObjectNode out = ApiJson.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (Consultation k : consultations.list(who.get())) {
            ObjectNode item =
                    json.summary(k, consultations.standing(who.get(), k.id()).state());
            var origin = takeUp.origin(k.id());
            if (origin.isPresent()) {
                json.origin(item, origin.get());
            } else {
                item.put("own", true).put("takenUp", true);
            }
            items.add(item);
        }
        ApiJson.send(res, Status.OK_200, out);
    }

    /** Who asks about which consultation of the path: empty when refused or unknown (answered). */
    private record Addressed(Acting who, ConsultationId id) {}

    private Optional<Addressed> addressed(ServerRequest req, ServerResponse res, Role role) {
        Optional<Acting> who = auth.acting(req, res, role);
        if (who.isEmpty()) {
            return Optional.empty();
        }
        Optional<ConsultationId> id =
                uris.consultationIdOf(req.path().pathParameters().get("uuid"));
        if (id.isEmpty() || consultations.find(who.get(), id.get()).isEmpty()) {
            new Problem(404, "not_found", "Not found", "No such consultation.").send(res);
            return Optional.empty();
        }
        return Optional.of(new Addressed(who.get(), id.get()));
    }

    private void show(ServerRequest req, ServerResponse res) {
        addressed(req, res, Role.MEMBER).ifPresent(a -> ApiJson.send(res, Status.OK_200, shown(a.who(), a.id())));
    }

    /** A consultation as shown: our own with the network's results, a received one with where it came from. */
    private ObjectNode shown(Acting who, ConsultationId id) {
        ConsultationService.Standing s = consultations.standing(who, id);
        var origin = takeUp.origin(id);
        if (origin.isPresent()) {
            return json.origin(json.standing(s), origin.get());
        }
        return json.results(s, network.results(id)).put("own", true).put("takenUp", true);
    }

    private void takeUp(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted =
                auth.posted(req, res, Role.ORGANISER, 16 * 1024, "{\"consultation\": the Question's id}");
        if (posted.isEmpty()) {
            return;
        }
        URI question;
        try {
            question = URI.create(ApiJson.text(posted.get().body(), "consultation"));
        } catch (IllegalArgumentException | NullPointerException e) {
            new Problem(422, "invalid_consultation", "Invalid consultation", "Give the Question's id.").send(res);
            return;
        }
        takeUp.takeUp(posted.get().who(), question);
        ConsultationId local = takeUp.byQuestion(question).orElseThrow();
        ApiJson.send(res, Status.ACCEPTED_202, shown(posted.get().who(), local));
    }

    private void autoTakeUps(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        ObjectNode out = ApiJson.JSON.createObjectNode();
        takeUp.autoTakeUp(who.get()).forEach(u -> out.withArray("nodes").add(u.toString()));
        out.withArray("nodes");
        ApiJson.send(res, Status.OK_200, out);
    }

    private void autoTakeUp(ServerRequest req, ServerResponse res, boolean on) {
        Optional<Acting> who = auth.acting(req, res, Role.ADMIN);
        if (who.isEmpty()) {
            return;
        }
        String node = on
                ? ApiJson.object(req, res, 16 * 1024, "{\"node\": actor id}")
                        .map(b -> ApiJson.text(b, "node"))
                        .orElse(null)
                : req.query().first("node").orElse(null);
        if (node == null) {
            if (!on) {
                new Problem(422, "invalid_node", "Invalid node", "Give ?node= the actor's id.").send(res);
            }
            return;
        }
        switch (takeUp.setAutoTakeUp(who.get(), URI.create(node), on)) {
            case org.branchwork.node.service.Effect.Refused r ->
                new Problem(422, "not_followed", "Not followed", r.reason()).send(res);
            default -> autoTakeUps(req, res);
        }
    }

    private void close(ServerRequest req, ServerResponse res) {
        Optional<Addressed> a = addressed(req, res, Role.ORGANISER);
        if (a.isEmpty()) {
            return;
        }
        if (!consultations.close(a.get().who(), a.get().id())) {
            new Problem(409, "already_closed", "Already closed", "This consultation has closed already.").send(res);
            return;
        }
        ApiJson.send(res, Status.OK_200, shown(a.get().who(), a.get().id()));
    }

    private void ballot(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted = auth.posted(
                req,
                res,
                Role.MEMBER,
                16 * 1024,
                "{\"consultation\": id, \"choices\": [names, in order for ranked], \"receipt\"?: to change your ballot}");
        if (posted.isEmpty()) {
            return;
        }
        Acting who = posted.get().who();
        if (who.member() == null) {
            // The API token acts for the operator, not for a member: it must not be able to vote for anyone.
            new Problem(
                            403,
                            "members_only",
                            "Forbidden",
                            "Ballots are cast from a member's signed-in session; the admin token cannot vote.")
                    .send(res);
            return;
        }
        JsonNode b = posted.get().body();
        String named = ApiJson.text(b, "consultation");
        Optional<ConsultationId> id = uris.consultationIdOf(named);
        if (id.isEmpty() && named != null && named.startsWith("http")) {
            // A received consultation is named by its owner's Question id too.
            try {
                id = takeUp.byQuestion(URI.create(named));
            } catch (IllegalArgumentException e) {
                id = Optional.empty();
            }
        }
        if (id.isEmpty() || consultations.find(who, id.get()).isEmpty()) {
            new Problem(404, "not_found", "Not found", "No such consultation on this node.").send(res);
            return;
        }
        List<String> choices = new ArrayList<>();
        b.path("choices").forEach(c -> choices.add(c.asText()));
        switch (consultations.vote(who, id.get(), choices, ApiJson.text(b, "receipt"))) {
            case ConsultationService.Voting.Cast cast ->
                ApiJson.send(
                        res,
                        cast.replaced() ? Status.OK_200 : Status.CREATED_201,
                        ApiJson.JSON
                                .createObjectNode()
                                .put("receipt", cast.receipt())
                                .put("replaced", cast.replaced()));
            case ConsultationService.Voting.Refused r ->
                new Problem(status(r.reason()), code(r.reason()), "Ballot refused", r.message()).send(res);
        }
    }

    private static int status(ConsultationService.Refusal r) {
        return switch (r) {
            case NOT_A_MEMBER, NOT_ON_ROLL, JOINED_AFTER_CUTOFF -> 403;
            case INVALID_CHOICES -> 422;
            case NOT_OPEN, CLOSED, ALREADY_VOTED, UNKNOWN_RECEIPT -> 409;
        };
    }

    private static String code(ConsultationService.Refusal r) {
        return r.name().toLowerCase(java.util.Locale.ROOT);
    }
}
