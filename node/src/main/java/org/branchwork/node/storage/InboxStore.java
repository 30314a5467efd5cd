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
    public record Received(String activityId, String actor, String type, String body) {
    }

    /** Stores the activity; false when an activity with this id was already received. */
    public boolean insert(Connection c, Received activity, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO inbox_activity (activity_id, actor, type, body, received_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, activity.activityId());
            s.setString(2, activity.actor());
            s.setString(3, activity.type());
            s.setString(4, activity.body());
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
            return true;
        } catch (SQLIntegrityConstraintViolationException duplicate) {
            return false;
        }
    }

    public Optional<Received> find(Connection c, String activityId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT activity_id, actor, type, body FROM inbox_activity WHERE activity_id = ?")) {
            s.setString(1, activityId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Received(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        : Optional.empty();
            }
        }
    }

    /** Ids of activities stored but not yet handled (after a crash or restart), oldest first. */
    public List<String> unhandled(Connection c, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT activity_id FROM inbox_activity WHERE handled_at IS NULL ORDER BY received_at LIMIT ?")) {
            s.setInt(1, limit);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    public void markHandled(Connection c, String activityId, String outcome, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE inbox_activity SET handled_at = ?, outcome = ? WHERE activity_id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, outcome.length() > 500 ? outcome.substring(0, 500) : outcome);
            s.setString(3, activityId);
            s.executeUpdate();
        }
    }

    /** What handling the activity came to, once it has been handled. */
    public Optional<String> outcome(Connection c, String activityId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT outcome FROM inbox_activity WHERE activity_id = ? AND handled_at IS NOT NULL")) {
            s.setString(1, activityId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
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
        try (PreparedStatement s = c.prepareStatement("DELETE FROM inbox_activity WHERE activity_id IN (SELECT activity_id "
                + "FROM inbox_activity WHERE handled_at IS NOT NULL AND received_at < ? LIMIT ?)")) {
            s.setTimestamp(1, Timestamp.from(cutoff));
            s.setInt(2, limit);
            return s.executeUpdate();
        }
    }
}
