package org.branchwork.node.federation.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.branchwork.node.storage.InboxStore;
import org.branchwork.node.storage.Transactions;

/**
 * Keeps the inbox table from growing without end: once an hour, handled activities received more
 * than {@link #KEPT} ago are deleted, a batch at a time. Their ids deduplicate for that long (a
 * peer retrying after days sends the same id: Mastodon retries for about two to three days), and
 * unhandled ones are never deleted.
 */
public final class InboxRetention implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InboxRetention.class.getName());
    /** How long a received activity is kept, and so deduplicated. */
    public static final Duration KEPT = Duration.ofDays(7);

    private static final Duration EVERY = Duration.ofHours(1);
    private static final int BATCH = 5_000;

    private final Transactions tx;
    private final InboxStore store;
    private final Clock clock;
    private volatile Thread thread;

    public InboxRetention(Transactions tx, InboxStore store, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.clock = clock;
    }

    public void start() {
        thread = Thread.ofVirtual().name("inbox-retention").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    sweep();
                    Thread.sleep(EVERY);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Inbox retention sweep failed; trying again in an hour", e);
                }
            }
        });
    }

    /** Deletes what is past retention; returns how many activities went. */
    public int sweep() {
        Instant cutoff = clock.instant().minus(KEPT);
        int total = 0;
        int deleted;
        do {
            deleted = tx.inTransaction(c -> store.deleteHandledBefore(c, cutoff, BATCH));
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            int n = total;
            LOG.fine(() -> "Inbox retention deleted " + n + " handled activities received before " + cutoff);
        }
        return total;
    }

    @Override
    public void close() {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }
}
