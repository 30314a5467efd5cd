package org.branchwork.node.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.branchwork.node.domain.BranchTally;
import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationId;
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
 * A branch's side of other nodes' consultations, and the network side of this node's own: a
 * {@code Question} from a node the branch follows is kept as a consultation of the branch's (so
 * its members vote on it exactly as on one of its own) that waits for the organisers to take it up
 * (or is taken up as it arrives, when an admin said so for its node); taking part is said to the
 * owner; while an advisory one is open the branch's tally goes to the owner as votes come in, at
 * most one a second ({@link #TALLY_DELAY}); at the close (its own, or the owner's {@code Update})
 * the final tally goes, once. This node's own consultations are published to its followers when
 * created and again when closed.
 */
public final class ConsultationTakeUp implements ConsultationEvents, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ConsultationTakeUp.class.getName());
    /** How long ballots gather before an advisory tally goes out: one tally per burst, not per vote. */
    static final long TALLY_DELAY = 1000;
    /** How often consultations are brought up to the clock (a close by time sends the tally). */
    static final long SWEEP_SECONDS = 15;

    /** A {@code Question} as received, read into the domain's terms. */
    public record Arrived(
            URI question,
            URI owner,
            URI ownerInbox,
            String ownerName,
            String title,
            String markdown,
            List<String> options,
            VotingMethod method,
            Consultation.Kind kind,
            Instant opensAt,
            Instant closesAt,
            Instant electorateCutoff,
            Double quorum) {}

    private final Transactions tx;
    private final ConsultationStore consultations;
    private final ConsultationNetworkStore network;
    private final BallotStore ballots;
    private final FollowStore follows;
    private final FederationOutbox outbox;
    private final ConsultationNetwork owner;
    private final Runnable wake;
    private final Clock clock;
    private final Set<ConsultationId> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("consultation-tallies").factory());
    private volatile ConsultationService service;

    public ConsultationTakeUp(
            Transactions tx,
            ConsultationStore consultations,
            ConsultationNetworkStore network,
            BallotStore ballots,
            FollowStore follows,
            FederationOutbox outbox,
            ConsultationNetwork owner,
            Runnable wake,
            Clock clock) {
        this.tx = tx;
        this.consultations = consultations;
        this.network = network;
        this.ballots = ballots;
        this.follows = follows;
        this.outbox = outbox;
        this.owner = owner;
        this.wake = wake;
        this.clock = clock;
    }

    /** The service whose consultations these are (built after this, which it tells of changes); starts the sweep. */
    public void bind(ConsultationService consultationService) {
        this.service = consultationService;
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    private void sweep() {
        try {
            service.settleDue();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Bringing consultations up to the clock failed", e);
        }
    }

    // --- the network side of this node's own consultations, and of received ones, as they change

    @Override
    public void created(Connection c, Consultation k) throws SQLException {
        if (network.received(c, k.id()).isEmpty()) {
            outbox.publish(c, new DomainChange.ConsultationPublished(k));
            wakeAfter();
        }
    }

    @Override
    public void certified(Connection c, Consultation k, Tally tally, String receiptsHash) throws SQLException {
        Optional<ConsultationNetworkStore.Received> received = network.received(c, k.id());
        if (received.isEmpty()) {
            ConsultationNetwork.Results r = owner.results(c, k, clock.instant());
            outbox.publish(c, new DomainChange.ConsultationClosed(k, r.totals(), r.ballots()));
        } else if (received.get().takenUp()) {
            long electorate = k.electorate() == null ? 0 : k.electorate();
            report(c, received.get(), k, new Tally(k.options().size(), tally.lines()), receiptsHash, electorate, true);
        }
        wakeAfter();
    }

    @Override
    public void ballotsChanged(ConsultationId id) {
        if (pending.add(id)) {
            timer.schedule(() -> sendLive(id), TALLY_DELAY, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public boolean awaitingTakeUp(Connection c, ConsultationId id) throws SQLException {
        return network.received(c, id).map(r -> !r.takenUp()).orElse(false);
    }

    /** An advisory tally while open: the ballots so far. Binding ones wait for the close. */
    private void sendLive(ConsultationId id) {
        pending.remove(id);
        try {
            boolean sent = tx.inTransaction(c -> {
                Optional<ConsultationNetworkStore.Received> r = network.received(c, id);
                if (r.isEmpty() || !r.get().takenUp()) {
                    return false;
                }
                consultations.lock(c, id);
                Consultation k = consultations.find(c, id).orElseThrow();
                if (k.kind() != Consultation.Kind.ADVISORY || k.certificate() != null || k.electorate() == null) {
                    return false;
                }
                Tally live = new Tally(k.options().size(), ballots.live(c, id));
                String hash = Receipts.listHash(ballots.receiptHashes(c, id));
                report(c, r.get(), k, live, hash, k.electorate(), false);
                return true;
            });
            if (sent) {
                wake.run();
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sending a tally for consultation " + id.value() + " failed", e);
        }
    }

    private void report(
            Connection c,
            ConsultationNetworkStore.Received r,
            Consultation k,
            Tally tally,
            String hash,
            long electorate,
            boolean isFinal)
            throws SQLException {
        long sequence = network.nextSequence(c, k.id());
        BranchTally t = new BranchTally(electorate, tally, hash, sequence, clock.instant(), isFinal);
        outbox.publish(
                c, new DomainChange.TallyReported(k.id(), r.question(), r.owner(), r.ownerInbox(), k.options(), t));
    }

    private void wakeAfter() {
        // The delivery worker looks again shortly; the rows are committed with the caller's transaction.
        timer.schedule(wake, 50, TimeUnit.MILLISECONDS);
    }

    // --- received consultations

    /**
     * A {@code Question} from {@code owner} (the signer): kept when the branch follows the owner (an
     * accepted follow) and it is new; taken up at once when the owner's consultations are.
     */
    public Effect received(Arrived a) {
        if (a.options().size() < 2
                || a.options().stream().distinct().count() != a.options().size()) {
            return Effect.refused("a consultation has at least two options, each named once");
        }
        if (!a.closesAt().isAfter(a.opensAt()) || a.electorateCutoff().isAfter(a.opensAt())) {
            return Effect.refused("a consultation closes after it opens, and its cut-off is not after the opening");
        }
        Instant now = clock.instant();
        Effect e = tx.inTransaction(c -> {
            if (follows.following(c, a.owner())
                    .filter(f -> "accepted".equals(f.state()))
                    .isEmpty()) {
                return Effect.unchanged("not from an actor the branch follows");
            }
            if (network.receivedByQuestion(c, a.question()).isPresent()) {
                return Effect.unchanged("consultation " + a.question() + " was received already");
            }
            ConsultationId id = ConsultationId.random();
            consultations.insert(
                    c,
                    new Consultation(
                            id,
                            cut(a.title(), 200),
                            cut(a.markdown(), 65_536),
                            a.options(),
                            a.method(),
                            a.kind(),
                            a.opensAt(),
                            a.closesAt(),
                            a.electorateCutoff(),
                            a.quorum(),
                            null,
                            now,
                            null,
                            null));
            network.insertReceived(
                    c,
                    new ConsultationNetworkStore.Received(
                            id, a.question(), a.owner(), a.ownerInbox(), a.ownerName(), now, null, 0));
            if (network.autoTakeUp(c).contains(a.owner())) {
                takeUp(c, id, now);
                return Effect.changed("consultation received and taken up automatically: " + a.question());
            }
            return Effect.changed("consultation received, waiting for the organisers: " + a.question());
        });
        settleQuietly(a.question());
        wake.run();
        return e;
    }

    private void takeUp(Connection c, ConsultationId id, Instant now) throws SQLException {
        if (network.takeUp(c, id, now)) {
            ConsultationNetworkStore.Received r = network.received(c, id).orElseThrow();
            outbox.publish(c, new DomainChange.ConsultationTakenUp(r.question(), r.owner(), r.ownerInbox()));
        }
    }

    /** The organisers take a received consultation up: the owner hears it, and the electorate is frozen at the opening. */
    public boolean takeUp(Acting who, URI question) {
        NotAllowed.unless(who, Role.ORGANISER);
        Instant now = clock.instant();
        ConsultationId id = tx.inTransaction(c -> {
            ConsultationNetworkStore.Received r = network.receivedByQuestion(c, question)
                    .orElseThrow(() -> new RequestRefused.NotFound(
                            "No consultation " + question + " was received from a node the branch follows."));
            takeUp(c, r.id(), now);
            return r.id();
        });
        wake.run();
        service.settle(id);
        return true;
    }

    /** The owner closed it (its {@code Update} with {@code closed}): the branch closes its copy and sends its final tally. */
    public Effect closedByOwner(URI question, URI actor, Instant closed) {
        Optional<ConsultationNetworkStore.Received> r = tx.inTransaction(c -> network.receivedByQuestion(c, question));
        if (r.isEmpty()) {
            return Effect.unchanged("a consultation we do not hold: " + question);
        }
        if (!r.get().owner().equals(actor)) {
            return Effect.refused(actor + " does not own " + question);
        }
        // Closed now (never back-dated to the owner's time: ballots already cast here stand).
        boolean now = tx.inTransaction(c -> {
            consultations.lock(c, r.get().id());
            return consultations.closeNow(c, r.get().id(), clock.instant());
        });
        service.settle(r.get().id());
        return now
                ? Effect.changed("closed by its owner: " + question)
                : Effect.unchanged("closed already: " + question);
    }

    /** Where a consultation came from, when it is received (for lists and pages). */
    public Optional<ConsultationNetworkStore.Received> origin(ConsultationId id) {
        return tx.inTransaction(c -> network.received(c, id));
    }

    /** A local consultation by its owner's {@code Question} id, when it was received. */
    public Optional<ConsultationId> byQuestion(URI question) {
        return tx.inTransaction(c -> network.receivedByQuestion(c, question))
                .map(ConsultationNetworkStore.Received::id);
    }

    /** The nodes whose consultations are taken up as they arrive. */
    public List<URI> autoTakeUp(Acting who) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(network::autoTakeUp);
    }

    /** Takes up {@code node}'s consultations as they arrive (or stops): only a node the branch follows. */
    public Effect setAutoTakeUp(Acting who, URI node, boolean on) {
        NotAllowed.unless(who, Role.ADMIN);
        return tx.inTransaction(c -> {
            if (on && follows.following(c, node).isEmpty()) {
                return Effect.refused("the branch does not follow " + node);
            }
            network.setAutoTakeUp(c, node, on, clock.instant());
            return Effect.changed((on ? "taking up " : "no longer taking up ") + node + "'s consultations");
        });
    }

    private void settleQuietly(URI question) {
        byQuestion(question).ifPresent(id -> {
            if (service != null) {
                service.settle(id);
            }
        });
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "\u2026";
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
