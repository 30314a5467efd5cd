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
 * {@link #EVERY} (the answer in between is the last one). A database that answers reads but cannot
 * write, because its disk is full, fails it; the first write that works again clears it.
 */
public final class WriteProbe {

    static final Duration EVERY = Duration.ofSeconds(5);

    private final DataSource dataSource;
    private final Clock clock;
    private volatile Instant lastChecked = Instant.MIN;
    private volatile boolean lastResult = true;

    public WriteProbe(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Whether the last write (made now if the last one is older than {@link #EVERY}) committed. */
    public synchronized boolean canWrite() {
        Instant now = clock.instant();
        if (lastChecked.plus(EVERY).isAfter(now)) {
            return lastResult;
        }
        lastChecked = now;
        lastResult = write(now);
        return lastResult;
    }

    /** Writes now, whatever the last answer was. */
    public synchronized boolean checkNow() {
        lastChecked = Instant.MIN;
        return canWrite();
    }

    private boolean write(Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE health_probe SET checked_at = ? WHERE id = 1")) {
            c.setAutoCommit(true);
            s.setTimestamp(1, Timestamp.from(now));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            return false;
        }
    }
}
