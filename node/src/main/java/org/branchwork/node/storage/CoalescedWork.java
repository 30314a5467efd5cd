package org.branchwork.node.storage;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Work on the whole database (a checkpoint, a compaction) done once for a burst of requests,
 * {@code delay} after the first, on its own virtual thread. A failure is logged and the next
 * request tries again; the database's own shutdown does what is left.
 */
final class CoalescedWork implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(CoalescedWork.class.getName());

    private final Duration delay;
    private final BooleanSupplier work;
    private final String failure;
    private final Semaphore pending = new Semaphore(0);
    private final Semaphore stopping = new Semaphore(0);
    private final AtomicLong runs = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    /**
     * @param work    answers whether it ran (the database may have been closing)
     * @param failure what the log says when it fails
     */
    CoalescedWork(String name, Duration delay, BooleanSupplier work, String failure) {
        this.delay = delay;
        this.work = work;
        this.failure = failure;
        this.thread = Thread.ofVirtual().name(name).start(this::run);
    }

    void request() {
        pending.release();
    }

    /** How many times the work has run. */
    long runs() {
        return runs.get();
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
                if (work.getAsBoolean()) {
                    runs.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, failure, e);
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
