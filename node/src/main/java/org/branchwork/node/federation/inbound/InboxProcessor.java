package org.branchwork.node.federation.inbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.node.federation.outbound.RetrySchedule;
import org.branchwork.node.storage.GroupCommitter;
import org.branchwork.node.storage.InboxStore;
import org.branchwork.node.storage.StorageException;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.vocab.Activity;

/**
 * Handles stored activities after the sender has its 202: a fixed set of handlers takes them from
 * a bounded queue in memory. The store is the real queue: every activity is durable before it is
 * offered here, so when the queue is full (a burst faster than handling) nothing is lost; the
 * handlers read the backlog back from the store once the queue has drained, as they do at start
 * for what a stop or crash left unhandled. Each outcome is recorded in the store; until it is, an
 * activity counts as unhandled and is handled again after a crash (handlers are idempotent).
 *
 * <p>Accepted means handled: a failure that may pass ({@link Outcome.RetryLater}: an origin that did not
 * answer; a database that could not write) is tried again on the deliveries' {@link RetrySchedule},
 * up to {@value #MAX_ATTEMPTS} attempts (about a day), and then kept as a dead letter that an admin
 * sees and can requeue. Only final failures (404, 410, a refused proof) are outcomes at once.
 */
public final class InboxProcessor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class.getName());

    /**
     * Activities handled at once. Each handler holds a database connection while it works, and the
     * inbox's own group commit needs one too: with a handler per activity a burst took every
     * connection, and accepting slowed to half.
     */
    static final int HANDLERS = 6;
    /** Activities waiting in memory; beyond this they wait in the store only. */
    static final int QUEUE = 4_096;
    /** A waiting activity larger than this is not kept in memory but read back from the store. */
    static final int KEEP_IN_MEMORY = 16 * 1024;
    /** How far before an overflow the store is searched for what it left behind (the insert came just before). */
    private static final Duration OVERFLOW_MARGIN = Duration.ofMinutes(1);
    /** Attempts at handling one activity before it is a dead letter. */
    public static final int MAX_ATTEMPTS = 12;

    private static final Duration RETRY_POLL = Duration.ofSeconds(1);
    private static final Duration RETRY_FLOOR = Duration.ofMillis(20);

    /** An activity to handle: as read and parsed by the pipeline, or only its id (read back from the store). */
    private record Work(String activityId, Activity activity, JsonNode document, boolean retry) {
        Work(String activityId, Activity activity, JsonNode document) {
            this(activityId, activity, document, false);
        }

        boolean inHand() {
            return activity != null;
        }
    }

    /** An outcome to file on a stored activity. */
    private record Filed(String activityId, Outcome.Kind kind, String text) {}

    private final Transactions tx;
    private final InboxStore store;
    private final ActivityCodec codec;
    private final HandlerRegistry registry;
    private final Clock clock;
    private final GroupCommitter<Filed, Void> outcomes;
    private final BlockingQueue<Work> queue = new ArrayBlockingQueue<>(QUEUE);
    /** Ids queued, being handled, or handled with the outcome not yet committed: never taken twice. */
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    /** Activities may wait in the store received at or after this; null when none do. */
    private final AtomicReference<Instant> backlogSince = new AtomicReference<>();

    private final List<Thread> handlers = new ArrayList<>();
    private final RetrySchedule schedule;
    private final java.util.concurrent.Semaphore retryWake = new java.util.concurrent.Semaphore(0);
    private volatile boolean closed;

    public InboxProcessor(
            Transactions tx,
            InboxStore store,
            ActivityCodec codec,
            HandlerRegistry registry,
            RetrySchedule schedule,
            Clock clock) {
        this.schedule = schedule;
        this.outcomes = new GroupCommitter<>("inbox-outcomes", tx, (batch, o) -> {
            store.markHandled(batch, o.activityId(), o.kind().name(), o.text(), clock.instant());
            return null;
        });
        this.tx = tx;
        this.store = store;
        this.codec = codec;
        this.registry = registry;
        this.clock = clock;
    }

    /** Starts the handlers, beginning with whatever an earlier run left unhandled in the store. */
    public synchronized void start() {
        if (!handlers.isEmpty() || closed) {
            return;
        }
        backlogSince.set(Instant.EPOCH);
        for (int i = 0; i < HANDLERS; i++) {
            handlers.add(Thread.ofVirtual().name("inbox-handler-" + i).start(this::run));
        }
        handlers.add(Thread.ofVirtual().name("inbox-retries").start(this::retries));
    }

    /** Offers due retries to the handlers, looking again when the next is due (at most every second). */
    private void retries() {
        while (!closed) {
            try {
                Instant now = clock.instant();
                List<String> due = tx.inTransaction(c -> store.dueRetries(c, now, QUEUE / 4));
                for (String id : due) {
                    if (claimed.add(id) && !queue.offer(new Work(id, null, null, true))) {
                        claimed.remove(id);
                    }
                }
                retryWake.tryAcquire(untilNextRetry(now).toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Reading the inbox's due retries failed; trying again", e);
                try {
                    retryWake.tryAcquire(RETRY_POLL.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /**
     * A retry due sooner than the poll is waited for, not rounded up to it: with a first retry
     * shorter than a second every attempt was a second late. One due at {@code now} was offered
     * just now (its failure wakes the poller); the floor keeps a clock that tests hold still from
     * turning this into a busy loop.
     */
    private Duration untilNextRetry(Instant now) {
        return tx.inTransaction(c -> store.nextRetry(c, now))
                .map(next -> Duration.between(now, next))
                .filter(wait -> wait.compareTo(RETRY_POLL) < 0)
                .map(wait -> wait.compareTo(RETRY_FLOOR) < 0 ? RETRY_FLOOR : wait)
                .orElse(RETRY_POLL);
    }

    /**
     * Queues a just-stored activity for handling, with what the pipeline read of it. When the queue
     * is full it stays in the store and is read back from there.
     */
    public void submit(String activityId, Activity activity, JsonNode document, int size) {
        if (closed || !claimed.add(activityId)) {
            return;
        }
        Work work =
                size <= KEEP_IN_MEMORY ? new Work(activityId, activity, document) : new Work(activityId, null, null);
        if (!queue.offer(work)) {
            claimed.remove(activityId);
            addBacklog(clock.instant().minus(OVERFLOW_MARGIN));
        }
    }

    private void run() {
        while (!closed) {
            Work work;
            try {
                work = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (work != null) {
                handle(work);
            } else {
                refill();
            }
        }
    }

    /** With the queue drained, takes the next waiting activities from the store (one handler at a time). */
    private void refill() {
        Instant since = backlogSince.getAndSet(null);
        if (since == null) {
            return;
        }
        int limit = QUEUE / 2;
        int asked = limit + claimed.size(); // claimed ones come back too, and are skipped
        try {
            List<String> ids = tx.inTransaction(c -> store.unhandled(c, since, asked));
            List<String> taken = new ArrayList<>();
            for (String id : ids) {
                if (taken.size() < limit && claimed.add(id)) {
                    taken.add(id);
                }
            }
            // An id unclaimed since the query was handled and its outcome committed in between:
            // checked again now that it is ours, in a transaction that sees that commit.
            List<String> handled = tx.inTransaction(c -> {
                List<String> done = new ArrayList<>();
                for (String id : taken) {
                    if (store.outcome(c, id).isPresent()) {
                        done.add(id);
                    }
                }
                return done;
            });
            for (String id : taken) {
                if (handled.contains(id) || !queue.offer(new Work(id, null, null))) {
                    claimed.remove(id);
                }
            }
            if (ids.size() == asked || taken.size() == limit) {
                addBacklog(since); // more may wait: look again, from the same point, once these are handled
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reading unhandled inbox activities failed; trying again", e);
            addBacklog(since);
        }
    }

    private void addBacklog(Instant since) {
        backlogSince.accumulateAndGet(since, (a, b) -> a == null || b.isBefore(a) ? b : a);
    }

    private void handle(Work work) {
        String id = work.activityId();
        Outcome outcome;
        try {
            outcome = work.inHand() ? registry.dispatch(work.activity(), work.document()) : handleStored(id);
        } catch (StorageException e) {
            outcome = e.unavailable()
                    ? new Outcome.RetryLater("the database could not write: " + e.getMessage(), e)
                    : failed(id, e);
        } catch (RuntimeException e) {
            outcome = failed(id, e);
        }
        if (outcome == null) {
            claimed.remove(id); // gone from the store (retention): nothing to record
            return;
        }
        if (outcome instanceof Outcome.RetryLater retry) {
            retryLater(id, retry.reason());
            return;
        }
        // Not awaited: a crash before the outcome commits only means the activity is handled again.
        outcomes.submit(new Filed(id, outcome.kind(), outcome.text())).whenComplete((ignored, failure) -> {
            if (failure == null && work.retry()) {
                try {
                    tx.inTransaction(c -> {
                        store.retried(c, id);
                        return null;
                    });
                } catch (RuntimeException e) {
                    LOG.log(Level.FINE, "Forgetting the retries of " + id + " failed; its outcome stands", e);
                }
            }
            claimed.remove(id);
            if (failure != null) {
                LOG.log(
                        Level.WARNING,
                        "Recording the outcome of " + id + " failed; it is handled again at the next start",
                        failure);
            }
        });
    }

    /** A handler's bug, not the activity's: filed as failed (a retry would fail the same way), and logged. */
    private static Outcome failed(String id, RuntimeException e) {
        LOG.log(Level.WARNING, "Handling " + id + " failed", e);
        return new Outcome.Failed(String.valueOf(e.getMessage()));
    }

    /** Schedules another attempt, or files a dead letter after the last one. */
    private void retryLater(String id, String cause) {
        try {
            int attempts = tx.inTransaction(
                    c -> store.retryLater(c, id, cause, clock.instant(), schedule::delayAfter, MAX_ATTEMPTS));
            if (attempts >= MAX_ATTEMPTS) {
                LOG.warning(
                        () -> "Handling " + id + " failed " + attempts + " times; it is a dead letter (" + cause + ")");
            } else {
                LOG.info(
                        () -> "Handling " + id + " failed (" + cause + "); attempt " + (attempts + 1) + " comes later");
            }
        } catch (RuntimeException e) {
            // Not even the retry could be written (the disk is full): the activity stays unhandled in
            // the store and is taken up again at the next start.
            LOG.log(Level.WARNING, "Scheduling a retry of " + id + " failed; it is handled again at the next start", e);
        } finally {
            claimed.remove(id);
            retryWake.release(); // the poller looks again, in case this one is due at once
        }
    }

    /** Activities that ran out of attempts (for the admin). */
    public List<InboxStore.DeadActivity> deadLetters(int limit) {
        return tx.inTransaction(c -> store.deadActivities(c, limit));
    }

    /** Puts one dead activity ({@code activityId}), or all of them (null), back to be handled now. */
    public int requeueDead(String activityId) {
        int n = tx.inTransaction(c -> store.requeueDead(c, activityId, clock.instant()));
        retryWake.release();
        return n;
    }

    /** Handles an activity read back from the store; null when it is no longer there. */
    private Outcome handleStored(String activityId) {
        var row = tx.inTransaction(c -> store.find(c, activityId));
        if (row.isEmpty()) {
            return null;
        }
        JsonNode document;
        try {
            document = codec.parse(row.get().body().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Outcome.ignored("unreadable: " + e.getMessage());
        }
        return switch (codec.read(document)) {
            case Decoded.Read(Activity activity) -> registry.dispatch(activity, document);
            case Decoded.Read other -> Outcome.ignored("not an activity");
            case Decoded.Refused refused -> Outcome.ignored(refused.reason());
        };
    }

    /**
     * Stops taking work, waits (up to 10 s) for the activities being handled and commits their
     * outcomes. What is still queued stays in the store, unhandled, for the next start.
     */
    @Override
    public void close() {
        closed = true;
        retryWake.release();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<Thread> started;
        synchronized (this) {
            started = List.copyOf(handlers);
        }
        for (Thread handler : started) {
            try {
                if (!handler.join(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    LOG.warning(
                            "An inbox handler is still running at shutdown; its activity is handled again at the next start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        outcomes.close();
    }
}
