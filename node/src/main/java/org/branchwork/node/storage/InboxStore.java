package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Activities received in the inbox, kept for handling and for deduplication by activity id. */
public final class InboxStore {

    /** A stored activity awaiting handling. */
    public record Received(String activityId, String actor, String type, String body) {}

    private static final String INSERT =
            "INSERT INTO inbox_activity (activity_id, actor, type, body, received_at) VALUES (?, ?, ?, ?, ?)";
    private static final String INSERT_OUTCOME =
            "INSERT INTO inbox_outcome (activity_id, handled_at, kind, outcome) VALUES (?, ?, ?, ?)";
    private static final String UPDATE_OUTCOME =
            "UPDATE inbox_outcome SET handled_at = ?, kind = ?, outcome = ? WHERE activity_id = ?";

    /** Stores the activity; false when an activity with this id was already received. */
    public boolean insert(Connection c, Received activity, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            return insert(s, activity, now);
        }
    }

    /** {@link #insert(Connection, Received, Instant)} as one write of a group commit. */
    public boolean insert(Batch batch, Received activity, Instant now) throws SQLException {
        return insert(batch.prepared(INSERT), activity, now);
    }

    private static boolean insert(PreparedStatement s, Received activity, Instant now) throws SQLException {
        s.setString(1, activity.activityId());
        s.setString(2, activity.actor());
        s.setString(3, activity.type());
        s.setString(4, activity.body());
        s.setTimestamp(5, Timestamp.from(now));
        try {
            s.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException duplicate) {
            return false;
        }
    }

    public Optional<Received> find(Connection c, String activityId) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT activity_id, actor, type, body FROM inbox_activity WHERE activity_id = ?")) {
            s.setString(1, activityId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Received(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Ids of activities received at or after {@code since} and not yet handled (left by a crash or
     * a stop, or by a burst larger than the handlers' queue), oldest first.
     */
    public List<String> unhandled(Connection c, Instant since, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT a.activity_id FROM inbox_activity a WHERE a.received_at >= ? AND NOT EXISTS (SELECT 1 "
                        + "FROM inbox_outcome o WHERE o.activity_id = a.activity_id) AND NOT EXISTS (SELECT 1 "
                        + "FROM inbox_retry r WHERE r.activity_id = a.activity_id) ORDER BY a.received_at LIMIT ?")) {
            s.setTimestamp(1, Timestamp.from(since));
            s.setInt(2, limit);
            return ids(s);
        }
    }

    /**
     * Records what handling came to, by kind ({@code HANDLED}, {@code IGNORED}, {@code REFUSED}) and
     * in words (again, if an activity is handled twice after a crash: the last one stays).
     */
    public void markHandled(Connection c, String activityId, String kind, String outcome, Instant now)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT_OUTCOME);
                PreparedStatement update = c.prepareStatement(UPDATE_OUTCOME)) {
            markHandled(insert, update, activityId, kind, outcome, now);
        }
    }

    /** {@link #markHandled(Connection, String, String, String, Instant)} as one write of a group commit. */
    public void markHandled(Batch batch, String activityId, String kind, String outcome, Instant now)
            throws SQLException {
        markHandled(batch.prepared(INSERT_OUTCOME), batch.prepared(UPDATE_OUTCOME), activityId, kind, outcome, now);
    }

    private static void markHandled(
            PreparedStatement insert,
            PreparedStatement update,
            String activityId,
            String kind,
            String outcome,
            Instant now)
            throws SQLException {
        String text = outcome.length() > 500 ? outcome.substring(0, 500) : outcome;
        Timestamp at = Timestamp.from(now);
        // Almost always the first outcome, so a plain insert rather than a MERGE (which joins for every row).
        insert.setString(1, activityId);
        insert.setTimestamp(2, at);
        insert.setString(3, kind);
        insert.setString(4, text);
        try {
            insert.executeUpdate();
        } catch (SQLIntegrityConstraintViolationException handledBefore) {
            update.setTimestamp(1, at);
            update.setString(2, kind);
            update.setString(3, text);
            update.setString(4, activityId);
            update.executeUpdate();
        }
    }

    /** An activity whose handling failed for good after its retries, as the admin sees it. */
    public record DeadActivity(
            String activityId, String actor, String type, int attempts, String error, Instant lastTried) {}

    /**
     * Schedules another attempt at handling an activity whose handling failed in a way that may
     * pass, at {@code delay(attempts)} from now; after {@code maxAttempts} it becomes a dead letter.
     * Returns the number of attempts made so far.
     */
    public int retryLater(
            Connection c,
            String activityId,
            String error,
            Instant now,
            java.util.function.IntFunction<java.time.Duration> delay,
            int maxAttempts)
            throws SQLException {
        int attempts = 0;
        boolean exists = false;
        try (PreparedStatement s = c.prepareStatement("SELECT attempts FROM inbox_retry WHERE activity_id = ?")) {
            s.setString(1, activityId);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    exists = true;
                    attempts = rs.getInt(1);
                }
            }
        }
        int made = attempts + 1;
        String sql = !exists
                ? "INSERT INTO inbox_retry (attempts, next_attempt_at, last_error, dead, activity_id) VALUES (?, ?, ?, ?, ?)"
                : "UPDATE inbox_retry SET attempts = ?, next_attempt_at = ?, last_error = ?, dead = ? WHERE activity_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setInt(1, made);
            s.setTimestamp(2, Timestamp.from(made >= maxAttempts ? now : now.plus(delay.apply(made))));
            s.setString(3, error == null ? null : error.substring(0, Math.min(error.length(), 1000)));
            s.setBoolean(4, made >= maxAttempts);
            s.setString(5, activityId);
            s.executeUpdate();
        }
        return made;
    }

    /**
     * Activities due for another attempt, oldest due first; the ORDER BY names the (dead,
     * next_attempt_at) index's columns from its first, so HSQLDB walks it instead of sorting.
     */
    static final String DUE_RETRIES = "SELECT r.activity_id FROM inbox_retry r WHERE r.dead = FALSE "
            + "AND r.next_attempt_at <= ? AND NOT EXISTS (SELECT 1 FROM inbox_outcome o WHERE o.activity_id = r.activity_id) "
            + "ORDER BY r.dead, r.next_attempt_at LIMIT ?";

    /** Activities due for another attempt, oldest due first. */
    public List<String> dueRetries(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DUE_RETRIES)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            return ids(s);
        }
    }

    /**
     * When the next retry after {@code now} is due, if any is waiting: not one already due (it is
     * being offered or handled) nor one whose activity has its outcome (its retry row outlived it).
     */
    public Optional<Instant> nextRetry(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(r.next_attempt_at) FROM inbox_retry r "
                + "WHERE r.dead = FALSE AND r.next_attempt_at > ? "
                + "AND NOT EXISTS (SELECT 1 FROM inbox_outcome o WHERE o.activity_id = r.activity_id)")) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? Optional.empty() : Optional.of(t.toInstant());
            }
        }
    }

    /** Forgets the retries of an activity now handled. */
    public void retried(Connection c, String activityId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM inbox_retry WHERE activity_id = ?")) {
            s.setString(1, activityId);
            s.executeUpdate();
        }
    }

    /** Activities that ran out of attempts, the most recent first. */
    public List<DeadActivity> deadActivities(Connection c, int limit) throws SQLException {
        List<DeadActivity> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT r.activity_id, a.actor, a.type, r.attempts, r.last_error, "
                        + "r.next_attempt_at FROM inbox_retry r JOIN inbox_activity a ON a.activity_id = r.activity_id "
                        + "WHERE r.dead = TRUE ORDER BY r.next_attempt_at DESC LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeadActivity(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return out;
    }

    /** Puts dead activities ({@code activityId} one, or all when null) back to be handled now. */
    public int requeueDead(Connection c, String activityId, Instant now) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE inbox_retry SET dead = FALSE, attempts = 0, next_attempt_at = ? "
                        + "WHERE dead = TRUE AND (CAST(? AS VARCHAR(2048)) IS NULL OR activity_id = ?)")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, activityId);
            s.setString(3, activityId);
            return s.executeUpdate();
        }
    }

    private static List<String> ids(PreparedStatement s) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    /** How the activity's outcome is filed ({@code HANDLED}, {@code IGNORED}, {@code REFUSED}), once handled. */
    public Optional<String> outcomeKind(Connection c, String activityId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT kind FROM inbox_outcome WHERE activity_id = ?")) {
            s.setString(1, activityId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** What handling the activity came to, once it has been handled. */
    public Optional<String> outcome(Connection c, String activityId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT outcome FROM inbox_outcome WHERE activity_id = ?")) {
            s.setString(1, activityId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** How many stored activities have been handled (for benchmarks: how far handling has caught up). */
    public long countHandled(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM inbox_outcome");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM inbox_activity");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Deletes handled activities received before {@code cutoff}. Their ids stop deduplicating
     * then, which is why the cutoff is at least the dedupe window (see InboxRetention).
     */
    public int deleteHandledBefore(Connection c, Instant cutoff, int limit) throws SQLException {
        int deleted;
        try (PreparedStatement s = c.prepareStatement(
                "DELETE FROM inbox_activity WHERE activity_id IN (SELECT a.activity_id "
                        + "FROM inbox_activity a JOIN inbox_outcome o ON o.activity_id = a.activity_id WHERE a.received_at < ? LIMIT ?)")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            s.setInt(2, limit);
            deleted = s.executeUpdate();
        }
        // Outcomes of deleted activities; handled after the cutoff means received after it too, or close to it.
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM inbox_outcome WHERE activity_id IN (SELECT o.activity_id "
                        + "FROM inbox_outcome o WHERE o.handled_at < ? AND NOT EXISTS (SELECT 1 FROM inbox_activity a "
                        + "WHERE a.activity_id = o.activity_id) LIMIT ?)")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            s.setInt(2, limit);
            s.executeUpdate();
        }
        return deleted;
    }
}
