package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Whether the database can write just now: one committed update of a one-row table, at most every
 * {@link #EVERY} (the answer in between is the last one), and no request's write failed for want
 * of space within {@link #REMEMBER_FAILURE} ({@link #failed()}: a full disk may still take the
 * probe's few bytes of log while it refuses to grow the data file). Both clear by themselves once
 * writes work again.
 */
public final class WriteProbe {

    static final Duration EVERY = Duration.ofSeconds(5);
    static final Duration REMEMBER_FAILURE = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final Clock clock;
    private volatile Instant lastChecked = Instant.MIN;
    private volatile boolean lastResult = true;
    private volatile Instant lastFailure = Instant.MIN;
    private final java.util.concurrent.locks.ReentrantLock probing = new java.util.concurrent.locks.ReentrantLock();

    public WriteProbe(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Whether the last write (made now if the last one is older than {@link #EVERY}) committed. */
    public boolean canWrite() {
        Instant now = clock.instant();
        if (lastFailure.plus(REMEMBER_FAILURE).isAfter(now)) {
            return false;
        }
        if (lastChecked.plus(EVERY).isAfter(now)) {
            return lastResult;
        }
        // One probe at a time; the others take the last answer rather than queue behind it (a
        // backup or compaction holds writes for seconds, and a waiting virtual thread would pin).
        if (!probing.tryLock()) {
            return lastResult;
        }
        try {
            lastChecked = now;
            lastResult = write(now);
            return lastResult;
        } finally {
            probing.unlock();
        }
    }

    /** A request's write failed because the database could not write (see StorageException#unavailable). */
    public void failed() {
        lastFailure = clock.instant();
    }

    /** Writes now, whatever the last answer was. */
    public boolean checkNow() {
        lastChecked = Instant.MIN;
        return canWrite();
    }

    private boolean write(Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE health_probe SET checked_at = ? WHERE id = 1")) {
            c.setAutoCommit(true);
            s.setQueryTimeout(5);
            s.setTimestamp(1, Timestamp.from(now));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            return false;
        }
    }
}
