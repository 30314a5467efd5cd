package org.branchwork.node.storage;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Closes the one window in which a vote's two rows can be lined up on disk. A vote writes the
 * voter's mark and the ballot in one transaction, and HSQLDB's redo log ({@code .log}) records the
 * two side by side, in the order people voted, until the next checkpoint. This runs a
 * {@code CHECKPOINT} {@link #DELAY} after a burst of votes (and after a count deletes ballots):
 * the memory tables holding marks and ballots are then on disk only in the {@code .script}, in
 * key order (member id; receipt hash), and the log is empty. See docs/decisions/0004.
 */
public final class VoteCheckpoints implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VoteCheckpoints.class.getName());
    /** How long votes are gathered before one checkpoint: the longest a vote's rows sit in the log. */
    public static final Duration DELAY = Duration.ofSeconds(5);

    private final Database database;
    private final Duration delay;
    private final Semaphore pending = new Semaphore(0);
    private final Semaphore stopping = new Semaphore(0);
    private final AtomicLong checkpoints = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    public VoteCheckpoints(Database database, Duration delay) {
        this.database = database;
        this.delay = delay;
        this.thread = Thread.ofVirtual().name("vote-checkpoints").start(this::run);
    }

    /** Called after a transaction that wrote or deleted ballots has committed. */
    public void written() {
        pending.release();
    }

    /** How many checkpoints have run (for tests). */
    public long checkpoints() {
        return checkpoints.get();
    }

    private void run() {
        while (running) {
            try {
                pending.acquire();
                // A close ends the wait (never an interrupt: HSQLDB closes file channels on one).
                if (!running || stopping.tryAcquire(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                pending.drainPermits();
                if (database.checkpoint()) {
                    checkpoints.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A checkpoint after votes failed; the next vote or the shutdown tries again", e);
            }
        }
    }

    /** Stops; the database's own shutdown checkpoints whatever is left. */
    @Override
    public void close() {
        running = false;
        stopping.release();
        pending.release();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
