package org.branchwork.node.api;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationCount;
import org.branchwork.node.domain.ConsultationResult;
import org.branchwork.node.domain.VotingMethod;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.ConsultationNetwork;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.storage.ConsultationNetworkStore;

/**
 * The JSON of {@code /api/v1/consultations}: a consultation's summary, its standing on this node
 * (phase 1's figures: receipts hash, certificate, quorum) and, for this node's own, the results
 * across the network (totals over every branch, each branch's figures, the rounds, the public
 * votes); for a received one, where it came from and whether it was taken up.
 */
final class ConsultationJson {

    private final LocalUris uris;
    private final Supplier<Optional<URI>> branchActor;

    ConsultationJson(LocalUris uris, Supplier<Optional<URI>> branchActor) {
        this.uris = uris;
        this.branchActor = branchActor;
    }

    ObjectNode summary(Consultation k, Consultation.State state) {
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

    ObjectNode standing(ConsultationService.Standing s) {
        Consultation k = s.consultation();
        ObjectNode o = summary(k, s.state());
        o.put("ballots", s.ballots());
        o.put("resultsHidden", s.resultsHidden());
        ObjectNode totals = o.putObject("totals");
        ConsultationResult r = s.result();
        if (r != null) {
            result(o, totals, k, r);
        }
        if (s.quorate() != null) {
            o.put("quorate", s.quorate());
        }
        o.put("receiptsHash", s.receiptsHash());
        if (k.certificate() != null) {
            o.put("certifiedAt", k.certificate().certifiedAt().toString());
            o.put("ballotsDeletedAt", k.certificate().ballotsDeletedAt().toString());
        }
        // This node's own figures as its one branch (for a received consultation: the branch's own).
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

    /** The owner's results across the network over the standing's fields. */
    ObjectNode results(ConsultationService.Standing s, ConsultationNetwork.Results r) {
        ObjectNode o = standing(s);
        Consultation k = r.consultation();
        o.put("ballots", r.ballots());
        o.put("electorate", r.electorate());
        o.remove(List.of("totals", "winners", "quota", "unfilledSeats", "rounds", "branches", "publicVotes"));
        ObjectNode totals = o.putObject("totals");
        if (r.result() != null) {
            result(o, totals, k, r.result());
        }
        ArrayNode branches = o.putArray("branches");
        for (ConsultationNetwork.BranchFigures b : r.branches()) {
            ObjectNode x = branches.addObject();
            if (b.actor() != null) {
                x.put("actor", b.actor().toString());
            }
            if (b.electorate() != null) {
                x.put("electorate", b.electorate());
            } else {
                x.putNull("electorate");
            }
            x.put("ballots", b.ballots());
            if (b.totals() != null) {
                ObjectNode t = x.putObject("totals");
                for (int i = 0; i < k.options().size(); i++) {
                    t.put(k.options().get(i), b.totals().get(i));
                }
            }
            x.put("suppressed", b.suppressed());
            x.put("final", b.isFinal());
            if (b.updated() != null) {
                x.put("updated", b.updated().toString());
            }
        }
        ObjectNode pub = o.putObject("publicVotes");
        r.publicVotes().forEach(pub::put);
        o.put("tallies", uris.consultation(k.id()) + "/tallies.json");
        return o;
    }

    /** Where a received consultation came from. */
    ObjectNode origin(ObjectNode o, ConsultationNetworkStore.Received r) {
        o.put("own", false)
                .put("question", r.question().toString())
                .put("owner", r.owner().toString())
                .put("takenUp", r.takenUp());
        if (r.ownerName() != null) {
            o.put("ownerName", r.ownerName());
        }
        return o;
    }

    private static void result(ObjectNode o, ObjectNode totals, Consultation k, ConsultationResult r) {
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
}
