package org.branchwork.node.federation.outbound;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.node.storage.DeliveryStore.Delivery;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.sig.SigningKey;

/**
 * Works through the delivery queue: claims due rows in the database (a lease of {@link #LEASE},
 * under this worker's token), delivers each on a virtual thread (at most {@value #PER_HOST} at
 * once per host, {@value #TOTAL} in all), and records the outcome, which gives the claim up.
 * Nothing lives only in memory: the queue is the table, so a restart resumes where the node
 * stopped, and a row is sent only by whoever holds its claim, never twice from a stale list.
 *
 * <p>A delivery takes its host's slot before a global one: a host that accepts connections and
 * stalls holds at most {@value #PER_HOST} of the {@value #TOTAL} global slots, never all of them.
 */
public final class DeliveryWorker implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DeliveryWorker.class.getName());
    static final int PER_HOST = 8;
    static final int TOTAL = 128;
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    /** How long a claim holds; a delivery that waited half of it for a slot extends it before sending. */
    static final Duration LEASE = Duration.ofMinutes(10);

    private static final int CLAIM_BATCH = 200;

    private final Transactions tx;
    private final DeliveryStore store;
    private final InboxClient client;
    private final Function<String, Optional<SigningKey>> signingKey;
    private final Function<URI, Optional<String>> policy;
    private final RetrySchedule schedule;
    private final PeerHealth peers;
    private final Clock clock;
    private final GoneInbox gone;
    private final Semaphore wakeUp = new Semaphore(0);
    private final Semaphore total = new Semaphore(TOTAL);
    private final Map<String, Semaphore> perHost = new ConcurrentHashMap<>();
    private final String token = java.util.UUID.randomUUID().toString();
    /** Numbers each batch of claims: a row re-claimed after its lease ran out has another token. */
    private long claims;

    private volatile boolean running;
    private Thread loop;

    /** What else goes when an inbox answers 410, in the transaction that records it. */
    @FunctionalInterface
    public interface GoneInbox {
        void gone(java.sql.Connection c, URI inbox) throws java.sql.SQLException;
    }

    /**
     * @param policy why a peer must not be delivered to (blocked, not allowed), or empty
     * @param gone   forgets those who received through an inbox that answered 410 (followers)
     */
    public DeliveryWorker(
            Transactions tx,
            DeliveryStore store,
            InboxClient client,
            Function<String, Optional<SigningKey>> signingKey,
            Function<URI, Optional<String>> policy,
            RetrySchedule schedule,
            PeerHealth peers,
            Clock clock,
            GoneInbox gone) {
        this.gone = gone;
        this.tx = tx;
        this.store = store;
        this.client = client;
        this.signingKey = signingKey;
        this.policy = policy;
        this.schedule = schedule;
        this.peers = peers;
        this.clock = clock;
    }

    /**
     * @param soleProcess whether this process alone can open the database (the embedded one): then
     *                    claims found now are a crashed predecessor's, and are given up at once
     *                    rather than when their lease ends
     */
    public synchronized void start(boolean soleProcess) {
        if (soleProcess) {
            int stale = tx.inTransaction(store::releaseAllClaims);
            if (stale > 0) {
                LOG.info(() -> stale + " deliveries were in flight when the node last stopped; they go out again now");
            }
        }
        running = true;
        loop = Thread.ofVirtual().name("delivery-worker").start(this::run);
    }

    /** Called after a transaction that enqueued deliveries commits, so they go out now. */
    public void wake() {
        wakeUp.release();
    }

    private void run() {
        while (running) {
            try {
                Instant now = clock.instant();
                String claim = token + "/" + (++claims);
                List<Delivery> claimed =
                        tx.inTransaction(c -> store.claimDue(c, now, CLAIM_BATCH, claim, now.plus(LEASE)));
                for (Delivery d : claimed) {
                    Thread.ofVirtual().name("delivery-" + d.id()).start(() -> deliver(d, claim, now));
                }
                Duration wait = tx.inTransaction(store::nextDue)
                        .map(next -> Duration.between(clock.instant(), next))
                        .filter(d -> !d.isNegative())
                        .map(d -> d.compareTo(IDLE_POLL) < 0 ? d : IDLE_POLL)
                        .orElse(IDLE_POLL);
                wakeUp.tryAcquire(Math.max(wait.toMillis(), 20), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Delivery loop failed; retrying in a second", e);
                sleepQuietly();
            }
        }
    }

    private void deliver(Delivery d, String claim, Instant claimedAt) {
        Semaphore host = perHost.computeIfAbsent(d.host(), h -> new Semaphore(PER_HOST));
        try {
            host.acquire();
            try {
                total.acquire();
            } catch (InterruptedException e) {
                host.release();
                throw e;
            }
            try {
                if (clock.instant().isAfter(claimedAt.plus(LEASE.dividedBy(2)))
                        && !tx.inTransaction(c -> store.extendClaim(
                                c, d.id(), claim, clock.instant().plus(LEASE)))) {
                    return; // waited so long that the lease ran out and another worker took the row
                }
                Optional<SigningKey> key = signingKey.apply(d.signAs());
                if (key.isEmpty() && d.signAs() != null) {
                    record(
                            d,
                            new InboxClient.Outcome.Permanent("not delivered: the member withdrew the public profile "
                                    + d.signAs() + " that was to sign it"),
                            Attempt.NOT_SENT);
                    return;
                }
                if (key.isEmpty()) {
                    tx.inTransaction(
                            c -> { // not set up yet: stays pending, looked at again shortly
                                store.postpone(c, d.id(), clock.instant().plus(IDLE_POLL.multipliedBy(5)));
                                return null;
                            });
                    return;
                }
                Optional<String> refused = policy.apply(d.inbox());
                if (refused.isPresent()) {
                    record(d, new InboxClient.Outcome.Permanent("not delivered: " + refused.get()), Attempt.NOT_SENT);
                    return;
                }
                PeerHealth.Gate gate = peers.gate(d.host());
                if (gate instanceof PeerHealth.Gate.Wait(Instant until)) {
                    tx.inTransaction(c -> {
                        store.postpone(c, d.id(), until);
                        return null;
                    });
                    return;
                }
                record(
                        d,
                        client.deliver(d.inbox(), d.body(), key.get()),
                        gate instanceof PeerHealth.Gate.Probe ? Attempt.PROBE : Attempt.SENT);
            } finally {
                total.release();
                host.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The claim stays until its lease ends; then the row is tried again.
            LOG.log(Level.WARNING, "Delivery " + d.id() + " to " + d.inbox() + " failed", e);
        }
    }

    /**
     * Stores what came of an attempt and tells {@link PeerHealth} whether the host is up. While a
     * host is unavailable its failed probes do not count as attempts, so nothing dies of a long
     * outage that the queue has recognised as one.
     */
    private void record(Delivery d, InboxClient.Outcome outcome, Attempt attempt) {
        Instant now = clock.instant();
        boolean hostDown = false;
        if (outcome instanceof InboxClient.Outcome.Retry retry && retry.hostDown()) {
            peers.failed(d.host(), retry.error());
            hostDown = true;
        }
        boolean released = !hostDown && attempt != Attempt.NOT_SENT && peers.answered(d.host());
        Optional<Instant> waitForProbe =
                hostDown && attempt == Attempt.PROBE ? peers.nextProbe(d.host()) : Optional.empty();
        tx.inTransaction(c -> {
            if (released) {
                store.releaseHost(c, d.host(), now);
            }
            if (waitForProbe.isPresent()) {
                store.postpone(c, d.id(), waitForProbe.get());
                return null;
            }
            switch (outcome) {
                case InboxClient.Outcome.Delivered delivered -> store.delivered(c, d.id(), now);
                case InboxClient.Outcome.Permanent permanent -> {
                    LOG.info(() -> "Delivery of " + d.activityId() + " to " + d.inbox() + " refused for good: "
                            + permanent.error());
                    store.dead(c, d.id(), permanent.error(), now);
                }
                case InboxClient.Outcome.Gone goneInbox -> {
                    LOG.info(() -> "The inbox " + d.inbox() + " is gone (410): its followers are removed");
                    store.dead(c, d.id(), goneInbox.error(), now);
                    gone.gone(c, d.inbox());
                }
                case InboxClient.Outcome.Retry retry -> {
                    int attemptNumber = d.attempts() + 1;
                    if (attemptNumber >= RetrySchedule.MAX_ATTEMPTS) {
                        store.dead(c, d.id(), retry.error(), now);
                    } else {
                        Duration delay = retry.retryAfter()
                                .filter(r -> !r.isNegative() && r.compareTo(Duration.ofDays(1)) < 0)
                                .orElseGet(() -> schedule.delayAfter(attemptNumber));
                        store.retryAt(c, d.id(), now.plus(delay), retry.error());
                    }
                }
            }
            return null;
        });
        if (released) {
            wake();
        }
    }

    /** How a recorded outcome came about. */
    private enum Attempt {
        NOT_SENT,
        SENT,
        PROBE
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        running = false;
        wakeUp.release();
        if (loop != null) {
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
