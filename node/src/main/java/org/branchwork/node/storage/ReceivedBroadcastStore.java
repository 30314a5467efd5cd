package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.ReceivedBroadcast;
import org.branchwork.node.domain.RelayCounts;
import org.branchwork.node.domain.RelayState;

/**
 * A branch's side of national broadcasts: those received from nodes it follows (its organisers'
 * queue), with the decision taken and what the branch last reported to the sender; and the nodes
 * whose broadcasts an admin lets through as they arrive.
 */
public final class ReceivedBroadcastStore {

    private static final String COLUMNS = "id, broadcast, sender, sender_name, sender_inbox, subject, safe_html, "
            + "markdown, segment, state, intro, received_at, decided_at, reported_state, reported_sent, "
            + "reported_failed, reported_unsub, reported_at";

    /** What arrived, before any decision. */
    public record Arrived(
            URI broadcast,
            URI sender,
            String senderName,
            URI senderInbox,
            String subject,
            String safeHtml,
            String markdown,
            URI segment) {}

    /** Stores a new broadcast in state {@code received}; empty when it is held already. */
    public Optional<Long> insert(Connection c, Arrived a, Instant now) throws SQLException {
        if (find(c, a.broadcast()).isPresent()) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO received_broadcast (broadcast, sender, sender_name, sender_inbox, subject, safe_html, "
                        + "markdown, segment, state, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'received', ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, a.broadcast().toString());
            s.setString(2, a.sender().toString());
            s.setString(3, a.senderName());
            s.setString(4, a.senderInbox().toString());
            s.setString(5, a.subject());
            s.setString(6, a.safeHtml());
            s.setString(7, a.markdown());
            s.setString(8, a.segment() == null ? null : a.segment().toString());
            s.setTimestamp(9, Timestamp.from(now));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return Optional.of(keys.getLong(1));
            }
        }
    }

    public Optional<ReceivedBroadcast> find(Connection c, long id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM received_broadcast WHERE id = ?", s -> s.setLong(1, id));
    }

    public Optional<ReceivedBroadcast> find(Connection c, URI broadcast) throws SQLException {
        return one(
                c,
                "SELECT " + COLUMNS + " FROM received_broadcast WHERE broadcast = ?",
                s -> s.setString(1, broadcast.toString()));
    }

    /** Newest first. */
    public List<ReceivedBroadcast> recent(Connection c, int limit) throws SQLException {
        return many(
                c,
                "SELECT " + COLUMNS + " FROM received_broadcast ORDER BY received_at DESC, id DESC LIMIT ?",
                s -> s.setInt(1, limit));
    }

    /** The approved ones received since {@code since}: their mailings' counts may still move. */
    public List<ReceivedBroadcast> approvedSince(Connection c, Instant since, int limit) throws SQLException {
        return many(
                c,
                "SELECT " + COLUMNS + " FROM received_broadcast WHERE state = 'approved' AND received_at >= ? "
                        + "ORDER BY received_at DESC LIMIT ?",
                s -> {
                    s.setTimestamp(1, Timestamp.from(since));
                    s.setInt(2, limit);
                });
    }

    /** Takes the decision when none was taken yet; false when it was. */
    public boolean decide(Connection c, long id, ReceivedBroadcast.Decision decision, String intro, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE received_broadcast SET state = ?, intro = ?, "
                + "decided_at = ? WHERE id = ? AND state = 'received'")) {
            s.setString(1, decision.code());
            s.setString(2, intro);
            s.setTimestamp(3, Timestamp.from(now));
            s.setLong(4, id);
            return s.executeUpdate() > 0;
        }
    }

    /** Remembers what the branch told the sender. */
    public void reported(Connection c, long id, RelayState state, RelayCounts counts, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE received_broadcast SET reported_state = ?, "
                + "reported_sent = ?, reported_failed = ?, reported_unsub = ?, reported_at = ? WHERE id = ?")) {
            s.setString(1, state.code());
            s.setInt(2, counts.sent());
            s.setInt(3, counts.failed());
            s.setInt(4, counts.unsubscribed());
            s.setTimestamp(5, Timestamp.from(at));
            s.setLong(6, id);
            s.executeUpdate();
        }
    }

    /** Takes the row's lock, so that two reports of one broadcast are decided one after the other. */
    public void lock(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE received_broadcast SET state = state WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    public List<URI> autoApproved(Connection c) throws SQLException {
        List<URI> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT sender FROM broadcast_auto_approve ORDER BY sender");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(URI.create(rs.getString(1)));
            }
        }
        return out;
    }

    public boolean isAutoApproved(Connection c, URI sender) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM broadcast_auto_approve WHERE sender = ?")) {
            s.setString(1, sender.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** False when it was set already. */
    public boolean addAutoApproved(Connection c, URI sender, Instant now) throws SQLException {
        if (isAutoApproved(c, sender)) {
            return false;
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO broadcast_auto_approve (sender, created_at) VALUES (?, ?)")) {
            s.setString(1, sender.toString());
            s.setTimestamp(2, Timestamp.from(now));
            return s.executeUpdate() > 0;
        }
    }

    public boolean removeAutoApproved(Connection c, URI sender) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM broadcast_auto_approve WHERE sender = ?")) {
            s.setString(1, sender.toString());
            return s.executeUpdate() > 0;
        }
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private static Optional<ReceivedBroadcast> one(Connection c, String sql, Binder binder) throws SQLException {
        List<ReceivedBroadcast> found = many(c, sql, binder);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    private static List<ReceivedBroadcast> many(Connection c, String sql, Binder binder) throws SQLException {
        List<ReceivedBroadcast> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    private static ReceivedBroadcast read(ResultSet rs) throws SQLException {
        String segment = rs.getString(9);
        Timestamp decided = rs.getTimestamp(13);
        String reportedState = rs.getString(14);
        Timestamp reportedAt = rs.getTimestamp(18);
        return new ReceivedBroadcast(
                rs.getLong(1),
                URI.create(rs.getString(2)),
                URI.create(rs.getString(3)),
                rs.getString(4),
                URI.create(rs.getString(5)),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                segment == null ? null : URI.create(segment),
                ReceivedBroadcast.Decision.fromCode(rs.getString(10)),
                rs.getString(11),
                rs.getTimestamp(12).toInstant(),
                decided == null ? null : decided.toInstant(),
                reportedState == null
                        ? null
                        : new ReceivedBroadcast.Reported(
                                RelayState.fromCode(reportedState),
                                new RelayCounts(rs.getInt(15), rs.getInt(16), rs.getInt(17)),
                                reportedAt.toInstant()));
    }
}
