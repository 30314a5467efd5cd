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
import org.branchwork.node.domain.ConsultationCount;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.ConsultationResult;
import org.branchwork.node.domain.Role;
import org.branchwork.node.domain.VotingMethod;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.ConsultationInput;
import org.branchwork.node.service.ConsultationService;

/**
 * {@code /api/v1/consultations} (issue 19's operator contract, on this node): {@code POST} creates
 * one (organisers, admins) and answers 201 with its {@code id}, the IRI; {@code GET} lists them;
 * {@code GET /{uuid}} gives state, totals, ballots, electorate, the STV rounds and the node as its
 * one branch; {@code POST /{uuid}/close} closes and counts it. {@code POST /ballot} casts a ballot:
 * only from a signed-in member's session (the admin token is refused: it is nobody's vote).
 */
public final class ConsultationsEndpoint implements HttpService {

    private final ConsultationService consultations;
    private final LocalUris uris;
    private final Supplier<Optional<URI>> branchActor;
    private final ApiAuth auth;

    public ConsultationsEndpoint(
            ConsultationService consultations, LocalUris uris, Supplier<Optional<URI>> branchActor, ApiAuth auth) {
        this.consultations = consultations;
        this.uris = uris;
        this.branchActor = branchActor;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::list)
                .post("/ballot", this::ballot)
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
                        standing(consultations.standing(
                                posted.get().who(), done.consultation().id())));
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
            // Received consultations arrive with federation (phase 2); every one listed here is our own.
            items.add(summary(k, consultations.standing(who.get(), k.id()).state())
                    .put("own", true)
                    .put("takenUp", true));
        }
        ApiJson.send(res, Status.OK_200, out);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.MEMBER);
        if (who.isEmpty()) {
            return;
        }
        Optional<ConsultationId> id =
                uris.consultationIdOf(req.path().pathParameters().get("uuid"));
        if (id.isEmpty() || consultations.find(who.get(), id.get()).isEmpty()) {
            new Problem(404, "not_found", "Not found", "No such consultation.").send(res);
            return;
        }
        ApiJson.send(res, Status.OK_200, standing(consultations.standing(who.get(), id.get())));
    }

    private void close(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        Optional<ConsultationId> id =
                uris.consultationIdOf(req.path().pathParameters().get("uuid"));
        if (id.isEmpty() || consultations.find(who.get(), id.get()).isEmpty()) {
            new Problem(404, "not_found", "Not found", "No such consultation.").send(res);
            return;
        }
        if (!consultations.close(who.get(), id.get())) {
            new Problem(409, "already_closed", "Already closed", "This consultation has closed already.").send(res);
            return;
        }
        ApiJson.send(res, Status.OK_200, standing(consultations.standing(who.get(), id.get())));
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
        Optional<ConsultationId> id = uris.consultationIdOf(ApiJson.text(b, "consultation"));
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

    private ObjectNode summary(Consultation k, Consultation.State state) {
        ObjectNode o = ApiJson.JSON
                .createObjectNode()
                .put("id", uris.consultation(k.id()).toString())
                .put("uuid", k.id().value())
                .put("title", k.title())
                .put("content", k.markdown())
                .put("method", k.method().code())
                .put("kind", k.kind().code())
                .put("state", state.code())
                .put("opensAt", k.opensAt().toString())
                .put("closesAt", k.closesAt().toString())
                .put("electorateCutoff", k.electorateCutoff().toString());
        k.options().forEach(o.putArray("options")::add);
        if (k.method() instanceof VotingMethod.Approval a) {
            o.put("maxChoices", a.maxChoices());
        }
        if (k.method() instanceof VotingMethod.Ranked r) {
            o.put("seats", r.seats());
        }
        if (k.quorum() != null) {
            o.put("quorum", k.quorum());
        }
        if (k.electorate() != null) {
            o.put("electorate", k.electorate());
        } else {
            o.putNull("electorate");
        }
        return o;
    }

    private ObjectNode standing(ConsultationService.Standing s) {
        Consultation k = s.consultation();
        ObjectNode o = summary(k, s.state());
        o.put("ballots", s.ballots());
        o.put("resultsHidden", s.resultsHidden());
        ObjectNode totals = o.putObject("totals");
        ConsultationResult r = s.result();
        if (r != null) {
            for (int i = 0; i < k.options().size(); i++) {
                totals.put(k.options().get(i), r.totals().get(i));
            }
            ArrayNode winners = o.putArray("winners");
            r.winners().forEach(w -> winners.add(k.options().get(w)));
            if (r instanceof ConsultationResult.Transferable t) {
                o.put("quota", t.quota());
                o.put("unfilledSeats", t.unfilled());
                ArrayNode rounds = o.putArray("rounds");
                for (ConsultationResult.StvRound round : t.rounds()) {
                    ObjectNode x = rounds.addObject()
                            .put("stage", round.stage())
                            .put("action", round.action().name().toLowerCase(java.util.Locale.ROOT));
                    if (round.candidate() >= 0) {
                        x.put("candidate", k.options().get(round.candidate()));
                    }
                    if (round.action() == ConsultationResult.Action.SURPLUS) {
                        x.put("transferValue", ConsultationCount.shown(round.transferValue()));
                    }
                    x.put("tieBreak", round.tieBreak().name().toLowerCase(java.util.Locale.ROOT));
                    ObjectNode votes = x.putObject("votes");
                    for (int i = 0; i < k.options().size(); i++) {
                        votes.put(
                                k.options().get(i),
                                ConsultationCount.shown(round.votes().get(i)));
                    }
                    x.put("nonTransferable", ConsultationCount.shown(round.nonTransferable()));
                    x.put("lostToFractions", ConsultationCount.shown(round.lostToFractions()));
                    ArrayNode elected = x.putArray("elected");
                    round.elected().forEach(e -> elected.add(k.options().get(e)));
                }
            }
        }
        if (s.quorate() != null) {
            o.put("quorate", s.quorate());
        }
        o.put("receiptsHash", s.receiptsHash());
        if (k.certificate() != null) {
            o.put("certifiedAt", k.certificate().certifiedAt().toString());
            o.put("ballotsDeletedAt", k.certificate().ballotsDeletedAt().toString());
        }
        // Phase 1: this node is the one branch; other branches' signed tallies come with federation.
        ObjectNode branch = o.putArray("branches").addObject();
        branchActor.get().ifPresent(a -> branch.put("actor", a.toString()));
        if (k.electorate() != null) {
            branch.put("electorate", k.electorate());
        }
        branch.put("ballots", s.ballots());
        if (r != null) {
            branch.set("totals", totals.deepCopy());
        }
        o.putObject("publicVotes");
        return o;
    }
}
