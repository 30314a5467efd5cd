package org.branchwork.node.storage;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Makes erasures final on disk: after personal data is deleted it compacts the database
 * ({@link Database#compact()}), once for a burst of erasures, {@link #DELAY} after the first.
 * Until then, and on a crash before it, the bytes sit in free space of the data file; a clean
 * shutdown compacts too (a close before the delay leaves that to {@link Database#close()}).
 */
public final class ErasureCompactor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ErasureCompactor.class.getName());
    /** How long erasures are gathered before one compaction. */
    public static final Duration DELAY = Duration.ofSeconds(10);

    private final Database database;
    private final CoalescedWork compaction;

    public ErasureCompactor(Database database, Duration delay) {
        this.database = database;
        this.compaction = new CoalescedWork(
                "erasure-compactor",
                delay,
                this::compact,
                "Compacting after an erasure failed; it is tried again at the next erasure or at shutdown");
    }

    private boolean compact() {
        long started = System.nanoTime();
        boolean done = database.compact();
        if (done) {
            LOG.info(() -> "Erased data compacted out of the database files in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
        }
        return done;
    }

    /** Called after a transaction that erased personal data has committed. */
    public void erased() {
        database.erased();
        compaction.request();
    }

    /** How many compactions have run (for tests and the admin view). */
    public long compactions() {
        return compaction.runs();
    }

    @Override
    public void close() {
        compaction.close();
    }
}
