package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.BranchRelay;
import org.branchwork.node.domain.Broadcast;
import org.branchwork.node.domain.BroadcastId;
import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.RelayCounts;
import org.branchwork.node.domain.RelayState;

/**
 * The broadcasts this node wrote, and per follower it went to the latest signed report (state and
 * counts). Nothing here names a member: the branches report counts.
 */
public final class BroadcastStore {

    private static final String COLUMNS = "id, subject, markdown, content, segment, published";

    public void insert(Connection c, Broadcast b) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO broadcast (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, b.id().value());
            s.setString(2, b.subject());
            s.setString(3, b.markdown());
            s.setString(4, b.content());
            s.setString(5, b.segment() == null ? null : b.segment().value());
            s.setTimestamp(6, Timestamp.from(b.published()));
            s.executeUpdate();
        }
    }

    public Optional<Broadcast> find(Connection c, BroadcastId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM broadcast WHERE id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** The newest first. */
    public List<Broadcast> recent(Connection c, int limit) throws SQLException {
        List<Broadcast> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + COLUMNS + " FROM broadcast ORDER BY published DESC, id LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Records the followers it went to, each {@code delivered} until it reports. */
    public void delivered(Connection c, BroadcastId id, Collection<URI> branches) throws SQLException {
        BatchInsert.each(
                c,
                "INSERT INTO broadcast_branch (broadcast_id, branch, state) VALUES (?, ?, 'delivered')",
                List.copyOf(branches),
                (s, branch, position) -> {
                    s.setString(1, id.value());
                    s.setString(2, branch.toString());
                });
    }

    /** The branch's standing, if the broadcast went to it. */
    public Optional<BranchRelay> branch(Connection c, BroadcastId id, URI branch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT branch, state, sent, failed, unsubscribed, reported_at "
                + "FROM broadcast_branch WHERE broadcast_id = ? AND branch = ?")) {
            s.setString(1, id.value());
            s.setString(2, branch.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(relay(rs)) : Optional.empty();
            }
        }
    }

    /** Every follower it went to, those that answered first (by their latest report), then the others. */
    public List<BranchRelay> branches(Connection c, BroadcastId id) throws SQLException {
        List<BranchRelay> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT branch, state, sent, failed, unsubscribed, reported_at "
                + "FROM broadcast_branch WHERE broadcast_id = ? ORDER BY reported_at DESC NULLS LAST, branch")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(relay(rs));
                }
            }
        }
        return out;
    }

    /**
     * Keeps a report when it is newer than the one held (a report at the same or an earlier time
     * is a replay); false when it is not.
     */
    public boolean report(
            Connection c,
            BroadcastId id,
            URI branch,
            RelayState state,
            RelayCounts counts,
            Instant reportedAt,
            Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE broadcast_branch SET state = ?, sent = ?, failed = ?, "
                + "unsubscribed = ?, reported_at = ?, received_at = ? WHERE broadcast_id = ? AND branch = ? "
                + "AND (reported_at IS NULL OR reported_at < ?)")) {
            s.setString(1, state.code());
            s.setInt(2, counts.sent());
            s.setInt(3, counts.failed());
            s.setInt(4, counts.unsubscribed());
            s.setTimestamp(5, Timestamp.from(reportedAt));
            s.setTimestamp(6, Timestamp.from(now));
            s.setString(7, id.value());
            s.setString(8, branch.toString());
            s.setTimestamp(9, Timestamp.from(reportedAt));
            return s.executeUpdate() > 0;
        }
    }

    private static BranchRelay relay(ResultSet rs) throws SQLException {
        Timestamp at = rs.getTimestamp(6);
        return new BranchRelay(
                URI.create(rs.getString(1)),
                RelayState.fromCode(rs.getString(2)),
                new RelayCounts(rs.getInt(3), rs.getInt(4), rs.getInt(5)),
                at == null ? null : at.toInstant());
    }

    private static Broadcast read(ResultSet rs) throws SQLException {
        String segment = rs.getString(5);
        return new Broadcast(
                new BroadcastId(rs.getString(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                segment == null ? null : new CampaignId(segment),
                rs.getTimestamp(6).toInstant());
    }
}
