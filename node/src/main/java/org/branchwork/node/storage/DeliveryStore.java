package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The delivery queue table: enqueue in the caller's transaction, claim due rows, record outcomes. */
public final class DeliveryStore {

    /** One queued delivery. */
    public record Delivery(long id, URI inbox, String host, String activityId, String body, int attempts) {
    }

    /** Queue counts, for the admin view and tests; {@code failing} are pending rows that failed at least once. */
    public record Counts(long pending, long failing, long delivered, long dead) {
    }

    public void enqueue(Connection c, URI inbox, String activityId, String body, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO delivery (inbox, host, activity_id, body, attempts, next_attempt_at, state, created_at)
                VALUES (?, ?, ?, ?, 0, ?, 'pending', ?)
                """)) {
            s.setString(1, inbox.toString());
            s.setString(2, hostOf(inbox));
            s.setString(3, activityId);
            s.setString(4, body);
            s.setTimestamp(5, Timestamp.from(now));
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** Pending deliveries due by {@code now}, oldest first. */
    public List<Delivery> due(Connection c, Instant now, int limit) throws SQLException {
        List<Delivery> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, inbox, host, activity_id, body, attempts FROM delivery
                WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?
                """)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Delivery(rs.getLong(1), URI.create(rs.getString(2)), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getInt(6)));
                }
            }
        }
        return out;
    }

    /** When the next pending delivery is due, if any. */
    public java.util.Optional<Instant> nextDue(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(next_attempt_at) FROM delivery WHERE state = 'pending'");
             ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? java.util.Optional.empty() : java.util.Optional.of(t.toInstant());
        }
    }

    public void delivered(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE delivery SET state = 'delivered', attempts = attempts + 1, finished_at = ?, last_error = NULL WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    public void retryAt(Connection c, long id, Instant next, String error) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(next));
            s.setString(2, truncate(error));
            s.setLong(3, id);
            s.executeUpdate();
        }
    }

    public void dead(Connection c, long id, String error, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE delivery SET state = 'dead', attempts = attempts + 1, last_error = ?, finished_at = ? WHERE id = ?")) {
            s.setString(1, truncate(error));
            s.setTimestamp(2, Timestamp.from(now));
            s.setLong(3, id);
            s.executeUpdate();
        }
    }

    /** Puts dead letters back in the queue, due now. */
    public int requeueDead(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = ?, finished_at = NULL WHERE state = 'dead'")) {
            s.setTimestamp(1, Timestamp.from(now));
            return s.executeUpdate();
        }
    }

    public Counts counts(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN state = 'pending' AND attempts > 0 THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), 0)
                FROM delivery
                """);
             ResultSet rs = s.executeQuery()) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    private static String hostOf(URI inbox) {
        String host = inbox.getHost() == null ? "" : inbox.getHost().toLowerCase(Locale.ROOT);
        return inbox.getPort() == -1 ? host : host + ":" + inbox.getPort();
    }

    private static String truncate(String s) {
        return s == null ? null : (s.length() > 1000 ? s.substring(0, 1000) : s);
    }
}
