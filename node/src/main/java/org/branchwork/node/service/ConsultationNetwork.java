package org.branchwork.node.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import org.branchwork.node.domain.BranchTally;
import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationCount;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.ConsultationResult;
import org.branchwork.node.domain.Lot;
import org.branchwork.node.domain.Receipts;
import org.branchwork.node.domain.Role;
import org.branchwork.node.domain.Tally;
import org.branchwork.node.domain.VotingMethod;
import org.branchwork.node.storage.BallotStore;
import org.branchwork.node.storage.ConsultationNetworkStore;
import org.branchwork.node.storage.ConsultationStore;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.Transactions;

/**
 * The owner's side of a consultation across the network: which branches take part (a follower's
 * {@code Join} of the Question), their signed tallies (kept only under the rules of
 * docs/FEDERATION.md: from a branch that took part, its own, no more ballots than electorate,
 * counts that add up, newer than the one held, binding ones only final), the fediverse's public
 * votes (apart), and the results: totals over every branch and this node's own members, each
 * branch's turnout and result (not shown under {@value #SHOWN_FROM} ballots), and the count of the
 * summed rankings (STV rounds for ranked).
 */
public final class ConsultationNetwork {

    private static final Logger LOG = Logger.getLogger(ConsultationNetwork.class.getName());
    /** A branch's own result is shown only from this many ballots: fewer would tell on its voters. */
    public static final int SHOWN_FROM = 5;

    /**
     * One branch's figures; {@code totals} null when hidden (binding and open) or under {@link
     * #SHOWN_FROM} ballots; {@code isFinal} once its tally is the one it sent at the close (this
     * node's own members' always are, once counted).
     */
    public record BranchFigures(
            URI actor,
            Long electorate,
            long ballots,
            List<Long> totals,
            boolean suppressed,
            Instant updated,
            boolean isFinal) {}

    /**
     * The results at a moment: {@code totals} and {@code result} null while hidden (binding, open);
     * {@code ballots} and {@code electorate} summed over the branches and this node's members.
     */
    public record Results(
            Consultation consultation,
            Consultation.State state,
            long ballots,
            long electorate,
            List<Long> totals,
            ConsultationResult result,
            List<BranchFigures> branches,
            Map<String, Long> publicVotes) {}

    private final Transactions tx;
    private final ConsultationStore consultations;
    private final ConsultationNetworkStore network;
    private final BallotStore ballots;
    private final FollowStore follows;
    private final Supplier<Optional<URI>> self;
    private final Clock clock;

    /** @param self this node's branch actor, listed as a branch when its own members vote */
    public ConsultationNetwork(
            Transactions tx,
            ConsultationStore consultations,
            ConsultationNetworkStore network,
            BallotStore ballots,
            FollowStore follows,
            Supplier<Optional<URI>> self,
            Clock clock) {
        this.tx = tx;
        this.consultations = consultations;
        this.network = network;
        this.ballots = ballots;
        this.follows = follows;
        this.self = self;
        this.clock = clock;
    }

    private Optional<Consultation> own(Connection c, ConsultationId id) throws SQLException {
        if (network.received(c, id).isPresent()) {
            return Optional.empty();
        }
        return consultations.find(c, id);
    }

    /** A branch takes part: only a follower (the Question went to it), while the consultation is not closed. */
    public Effect tookPart(ConsultationId id, URI actor) {
        Instant now = clock.instant();
        return tx.inTransaction(c -> {
            Optional<Consultation> k = own(c, id);
            if (k.isEmpty()) {
                return Effect.unchanged("not one of our consultations: " + id.value());
            }
            if (k.get().state(now) == Consultation.State.CLOSED) {
                return Effect.refused("consultation " + id.value() + " has closed");
            }
            if (!follows.isFollower(c, actor)) {
                return Effect.refused(actor + " does not follow this node, so it was not asked");
            }
            return network.join(c, id, actor, now)
                    ? Effect.changed(actor + " takes part in consultation " + id.value())
                    : Effect.unchanged(actor + " took part already");
        });
    }

    /**
     * A branch's tally. {@code provedByActor}: the tally object carries a valid FEP-8b32 proof by
     * {@code actor}'s key and names {@code actor} as its author (the handler checked); {@code signed}
     * is the object as received, kept for anyone to re-count.
     */
    public Effect tallied(ConsultationId id, URI actor, boolean provedByActor, Tallied tallied, String signed) {
        Effect e = tx.inTransaction(c -> {
            Optional<Consultation> found = own(c, id);
            if (found.isEmpty()) {
                return Effect.unchanged("not one of our consultations: " + id.value());
            }
            Consultation k = found.get();
            consultations.lock(c, id);
            Optional<ConsultationNetworkStore.Branch> branch = network.branch(c, id, actor);
            if (branch.isEmpty()) {
                return Effect.refused(actor + " did not take part in consultation " + id.value());
            }
            if (!provedByActor) {
                return Effect.refused("the tally is not proved (FEP-8b32) by " + actor + ", who sent it");
            }
            BranchTally t;
            switch (tallied) {
                case Tallied.Invalid invalid -> {
                    return Effect.refused("tally refused: " + invalid.reason());
                }
                case Tallied.Valid valid -> t = valid.tally();
            }
            if (t.ballots() > t.electorate()) {
                return Effect.refused(
                        "tally refused: " + t.ballots() + " ballots from an electorate of " + t.electorate());
            }
            BranchTally held = branch.get().tally();
            if (held != null && t.sequence() <= held.sequence()) {
                return Effect.refused("tally refused: sequence " + t.sequence() + " is not newer than the "
                        + held.sequence() + " held");
            }
            if (held != null && held.isFinal()) {
                return Effect.refused("tally refused: the final tally is held already");
            }
            if (k.kind() == Consultation.Kind.BINDING && !t.isFinal()) {
                return Effect.refused("tally refused: a binding consultation's tally is sent once, at the close");
            }
            network.saveTally(c, id, actor, t, signed);
            return Effect.changed(
                    "tally " + t.sequence() + " from " + actor + ": " + t.ballots() + " ballots of " + t.electorate());
        });
        if (e instanceof Effect.Refused r) {
            LOG.warning(() -> "Consultation " + id.value() + ": " + r.reason());
        }
        return e;
    }

    /** What the handler read of a tally: its figures against the consultation's options, or why they do not fit. */
    public sealed interface Tallied {
        record Valid(BranchTally tally) implements Tallied {}

        record Invalid(String reason) implements Tallied {}
    }

    /** The options of one of our consultations, and how many a ballot marks at most (for reading a tally). */
    public Optional<Consultation> ours(ConsultationId id) {
        return tx.inTransaction(c -> own(c, id));
    }

    /**
     * A fediverse vote (Mastodon's: a {@code Note} named for an option, replying to the Question):
     * public and advisory, one per actor (latest wins; for approval, one per option up to the
     * maximum), never part of the members' tallies.
     */
    public Effect publicVote(ConsultationId id, URI actor, String option) {
        Instant now = clock.instant();
        return tx.inTransaction(c -> {
            Optional<Consultation> found = own(c, id);
            if (found.isEmpty()) {
                return Effect.unchanged("a reply to a Question we do not own");
            }
            Consultation k = found.get();
            if (k.state(now) != Consultation.State.OPEN) {
                return Effect.refused("public vote refused: consultation " + id.value() + " is not open");
            }
            int i = k.options().indexOf(option);
            if (i < 0) {
                return Effect.refused("public vote refused: '" + option + "' is not an option");
            }
            List<Integer> votes = new ArrayList<>();
            if (k.method() instanceof VotingMethod.Approval a) {
                votes.addAll(network.publicVotesOf(c, id, actor));
                if (!votes.contains(i)) {
                    votes.add(i);
                }
                while (votes.size() > a.maxChoices()) {
                    votes.removeFirst();
                }
            } else {
                votes.add(i);
            }
            network.publicVote(c, id, actor, votes, now);
            return Effect.changed("public vote by " + actor + " for '" + option + "'");
        });
    }

    /** The results across the network when the consultation is ours; empty for one we received. */
    public Optional<Results> ownResults(ConsultationId id) {
        Instant now = clock.instant();
        return tx.inTransaction(c -> {
            Optional<Consultation> k = own(c, id);
            return k.isEmpty() ? Optional.<Results>empty() : Optional.of(results(c, k.get(), now));
        });
    }

    public Results results(ConsultationId id) {
        return tx.inTransaction(c -> results(c, consultations.find(c, id).orElseThrow(), clock.instant()));
    }

    /** The results, in the caller's transaction. */
    Results results(Connection c, Consultation k, Instant now) throws SQLException {
        boolean visible = k.resultsVisible(now);
        int n = k.options().size();
        boolean counted = k.certificate() != null;
        List<Tally.Line> ownLines = counted ? ballots.kept(c, k.id()) : ballots.live(c, k.id());
        Tally ownTally = new Tally(n, ownLines);
        String ownHash = counted ? k.certificate().receiptsHash() : Receipts.listHash(ballots.receiptHashes(c, k.id()));
        List<BranchFigures> figures = new ArrayList<>();
        Map<List<Integer>, Long> sum = new LinkedHashMap<>();
        List<String> hashes = new ArrayList<>();
        long ballotsTotal = 0;
        long electorateTotal = 0;
        List<ConsultationNetworkStore.Branch> branches = network.branches(c, k.id(), n);
        long ownElectorate = k.electorate() == null ? 0 : k.electorate();
        if (ownElectorate > 0 || branches.isEmpty()) {
            figures.add(figures(
                    self.get().orElse(null),
                    k.electorate() == null ? null : ownElectorate,
                    ownTally,
                    k,
                    visible,
                    null,
                    counted));
            add(sum, ownTally);
            hashes.add(ownHash);
            ballotsTotal += ownTally.ballots();
            electorateTotal += ownElectorate;
        }
        for (ConsultationNetworkStore.Branch b : branches) {
            BranchTally t = b.tally();
            if (t == null) {
                figures.add(new BranchFigures(b.actor(), null, 0, null, false, null, false));
                continue;
            }
            figures.add(figures(b.actor(), t.electorate(), t.tally(), k, visible, t.updated(), t.isFinal()));
            add(sum, t.tally());
            hashes.add(t.receiptsHash());
            ballotsTotal += t.ballots();
            electorateTotal += t.electorate();
        }
        List<Tally.Line> lines = new ArrayList<>();
        sum.forEach((ranking, count) -> lines.add(new Tally.Line(ranking, count)));
        ConsultationResult result = null;
        if (visible) {
            // Lots: from the receipts hashes once closed (unknown before, published after), else the id.
            String seed = counted ? Receipts.listHash(hashes) : "live:" + k.id().value();
            result = ConsultationCount.count(k.method(), new Tally(n, lines), Lot.seeded(seed));
        }
        long[] pub = network.publicCounts(c, k.id(), n);
        Map<String, Long> publicVotes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (pub[i] > 0) {
                publicVotes.put(k.options().get(i), pub[i]);
            }
        }
        return new Results(
                k,
                k.state(now),
                ballotsTotal,
                electorateTotal,
                result == null ? null : result.totals(),
                result,
                withoutDifferencing(figures),
                publicVotes);
    }

    private static BranchFigures figures(
            URI actor, Long electorate, Tally t, Consultation k, boolean visible, Instant updated, boolean isFinal) {
        boolean suppressed = t.ballots() < SHOWN_FROM;
        List<Long> totals = visible && !suppressed
                ? ConsultationCount.count(k.method(), t, Lot.seeded("branch")).totals()
                : null;
        return new BranchFigures(actor, electorate, t.ballots(), totals, suppressed, updated, isFinal);
    }

    /**
     * Hides more branches' own results, the smallest first, until the hidden ones together hold
     * {@link #SHOWN_FROM} ballots or more: otherwise the total minus the shown branches would give
     * a small branch's result away by subtraction. Their ballots stay counted in the total.
     */
    static List<BranchFigures> withoutDifferencing(List<BranchFigures> figures) {
        List<BranchFigures> out = new ArrayList<>(figures);
        while (true) {
            long hidden = out.stream()
                    .filter(f -> f.totals() == null)
                    .mapToLong(BranchFigures::ballots)
                    .sum();
            if (hidden == 0 || hidden >= SHOWN_FROM) {
                return out;
            }
            int smallest = -1;
            for (int i = 0; i < out.size(); i++) {
                BranchFigures f = out.get(i);
                if (f.totals() != null
                        && (smallest < 0 || f.ballots() < out.get(smallest).ballots())) {
                    smallest = i;
                }
            }
            if (smallest < 0) {
                return out;
            }
            BranchFigures f = out.get(smallest);
            out.set(
                    smallest,
                    new BranchFigures(f.actor(), f.electorate(), f.ballots(), null, true, f.updated(), f.isFinal()));
        }
    }

    private static void add(Map<List<Integer>, Long> sum, Tally t) {
        for (Tally.Line l : t.lines()) {
            sum.merge(l.ranking(), l.ballots(), Long::sum);
        }
    }

    /**
     * This node's own members' tally of one of its consultations, as a branch would send it (for
     * the published tallies, so that a re-count includes them): only once counted at the close.
     * Published live, two fetches a vote apart would show that vote's ranking, and the moment of
     * a request in an access log would say whose it was.
     */
    public Optional<BranchTally> ownTally(ConsultationId id) {
        return tx.inTransaction(c -> {
            Optional<Consultation> found = own(c, id);
            if (found.isEmpty()
                    || found.get().certificate() == null
                    || found.get().electorate() == null
                    || found.get().electorate() == 0) {
                return Optional.<BranchTally>empty();
            }
            Consultation k = found.get();
            // One tally, the final one: sequence 1, made when the count was certified.
            return Optional.of(new BranchTally(
                    k.electorate(),
                    new Tally(k.options().size(), ballots.kept(c, id)),
                    k.certificate().receiptsHash(),
                    1,
                    k.certificate().certifiedAt(),
                    true));
        });
    }

    /**
     * The signed tallies as received, for anyone to re-count: none while a binding consultation is
     * open (its results are hidden until the close).
     */
    public List<String> signedTallies(ConsultationId id) {
        Instant now = clock.instant();
        return tx.inTransaction(c -> {
            Consultation k = own(c, id).orElseThrow(() -> new RequestRefused.NotFound("No such consultation."));
            if (!k.resultsVisible(now)) {
                return List.of();
            }
            return network.branches(c, id, k.options().size()).stream()
                    .map(ConsultationNetworkStore.Branch::signed)
                    .filter(s -> s != null)
                    .toList();
        });
    }

    /** Whether the acting organiser may see these: a member of this node may. */
    public static void mayRead(Acting who) {
        NotAllowed.unless(who, Role.MEMBER);
    }
}
