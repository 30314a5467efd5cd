package org.branchwork.node.storage;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
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
    private final Duration delay;
    private final Semaphore pending = new Semaphore(0);
    private final Semaphore stopping = new Semaphore(0);
    private final AtomicLong compactions = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    public ErasureCompactor(Database database, Duration delay) {
        this.database = database;
        this.delay = delay;
        this.thread = Thread.ofVirtual().name("erasure-compactor").start(this::run);
    }

    /** Called after a transaction that erased personal data has committed. */
    public void erased() {
        database.erased();
        pending.release();
    }

    /** How many compactions have run (for tests and the admin view). */
    public long compactions() {
        return compactions.get();
    }

    private void run() {
        while (running) {
            try {
                pending.acquire();
                // Gather a burst; a close ends the wait (never an interrupt: HSQLDB's file
                // channels close when the thread using them is interrupted).
                if (!running || stopping.tryAcquire(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
                pending.drainPermits();
                long started = System.nanoTime();
                if (database.compact()) {
                    compactions.incrementAndGet();
                    LOG.info(() -> "Erased data compacted out of the database files in "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) + " ms");
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(
                        Level.WARNING,
                        "Compacting after an erasure failed; it is tried again at the next erasure or at shutdown",
                        e);
            }
        }
    }

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
