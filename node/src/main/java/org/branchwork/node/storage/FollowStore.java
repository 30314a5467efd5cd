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
import java.util.Optional;

/** The branch's followers and the actors it follows. */
public final class FollowStore {

    /** A remote actor following the branch. */
    public record Follower(URI actor, URI inbox, URI sharedInbox, URI followId) {}

    /** A remote actor the branch follows, and how far that follow got. */
    public record Following(URI actor, URI inbox, URI followId, String state) {}

    public void addFollower(Connection c, Follower f, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                MERGE INTO follower f USING (VALUES (CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(2048)),
                        CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(2048)), CAST(? AS TIMESTAMP WITH TIME ZONE)))
                    AS v(actor, inbox, shared_inbox, follow_id, created_at) ON f.actor = v.actor
                WHEN MATCHED THEN UPDATE SET f.inbox = v.inbox, f.shared_inbox = v.shared_inbox, f.follow_id = v.follow_id
                WHEN NOT MATCHED THEN INSERT VALUES (v.actor, v.inbox, v.shared_inbox, v.follow_id, v.created_at)
                """)) {
            s.setString(1, f.actor().toString());
            s.setString(2, f.inbox().toString());
            s.setString(3, f.sharedInbox() == null ? null : f.sharedInbox().toString());
            s.setString(4, f.followId().toString());
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** Removes the follower only when {@code followId} is the Follow it followed with (an Undo that names it by id). */
    public boolean removeFollower(Connection c, URI actor, URI followId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM follower WHERE actor = ? AND follow_id = ?")) {
            s.setString(1, actor.toString());
            s.setString(2, followId.toString());
            return s.executeUpdate() > 0;
        }
    }

    /** Whether {@code actor} follows the branch: one key lookup, not a read of every follower. */
    public boolean isFollower(Connection c, URI actor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM follower WHERE actor = ?")) {
            s.setString(1, actor.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public boolean removeFollower(Connection c, URI actor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM follower WHERE actor = ?")) {
            s.setString(1, actor.toString());
            return s.executeUpdate() > 0;
        }
    }

    /**
     * Removes the followers who receive through {@code inbox}, their own or their server's shared
     * one, once it answered 410: they are gone, and every later delivery would be a dead letter.
     */
    public int removeFollowersAt(Connection c, URI inbox) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM follower WHERE inbox = ? OR shared_inbox = ?")) {
            s.setString(1, inbox.toString());
            s.setString(2, inbox.toString());
            return s.executeUpdate();
        }
    }

    public List<Follower> followers(Connection c) throws SQLException {
        return followers(c, Integer.MAX_VALUE);
    }

    /** The oldest {@code limit} followers. */
    public List<Follower> followers(Connection c, int limit) throws SQLException {
        List<Follower> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT actor, inbox, shared_inbox, follow_id FROM follower ORDER BY created_at LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(followerRow(rs));
                }
            }
        }
        return out;
    }

    public long followerCount(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM follower");
    }

    public long followingCount(Connection c) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM following WHERE state = 'accepted'");
    }

    public void addFollowing(Connection c, Following f, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                MERGE INTO following f USING (VALUES (CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(2048)),
                        CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP WITH TIME ZONE)))
                    AS v(actor, inbox, follow_id, state, changed_at) ON f.actor = v.actor
                WHEN MATCHED THEN UPDATE SET f.inbox = v.inbox, f.follow_id = v.follow_id, f.state = v.state, f.updated_at = v.changed_at
                WHEN NOT MATCHED THEN INSERT VALUES (v.actor, v.inbox, v.follow_id, v.state, v.changed_at, v.changed_at)
                """)) {
            s.setString(1, f.actor().toString());
            s.setString(2, f.inbox().toString());
            s.setString(3, f.followId().toString());
            s.setString(4, f.state());
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** Sets the state of the follow with this activity id, if it is ours and was sent to {@code actor}. */
    public boolean setFollowingState(Connection c, URI followId, URI actor, String state, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE following SET state = ?, updated_at = ? WHERE follow_id = ? AND actor = ?")) {
            s.setString(1, state);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, followId.toString());
            s.setString(4, actor.toString());
            return s.executeUpdate() > 0;
        }
    }

    /** For {@link #acceptedFollowing(KeptQuery, URI)}: keep it with {@code Database.keep}. */
    public static final String ACCEPTED_FOLLOWING = "SELECT 1 FROM following WHERE actor = ? AND state = 'accepted'";

    /** Whether the branch follows this actor and the follow was accepted, as of the last commit. */
    public boolean acceptedFollowing(KeptQuery query, URI actor) {
        return query.query(s -> s.setString(1, actor.toString()), ResultSet::next);
    }

    public Optional<Following> following(Connection c, URI actor) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT actor, inbox, follow_id, state FROM following WHERE actor = ?")) {
            s.setString(1, actor.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    public List<Following> followings(Connection c) throws SQLException {
        List<Following> out = new ArrayList<>();
        try (PreparedStatement s =
                        c.prepareStatement("SELECT actor, inbox, follow_id, state FROM following ORDER BY created_at");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    public boolean removeFollowing(Connection c, URI actor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM following WHERE actor = ?")) {
            s.setString(1, actor.toString());
            return s.executeUpdate() > 0;
        }
    }

    public void addRequest(Connection c, Follower f, Instant now) throws SQLException {
        removeRequest(c, f.actor());
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO follow_request (actor, inbox, shared_inbox, follow_id, created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, f.actor().toString());
            s.setString(2, f.inbox().toString());
            s.setString(3, f.sharedInbox() == null ? null : f.sharedInbox().toString());
            s.setString(4, f.followId().toString());
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    public List<Follower> requests(Connection c) throws SQLException {
        List<Follower> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT actor, inbox, shared_inbox, follow_id FROM follow_request ORDER BY created_at");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(followerRow(rs));
            }
        }
        return out;
    }

    /** A pending request by its actor. */
    public Optional<Follower> request(Connection c, URI actor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT actor, inbox, shared_inbox, follow_id FROM follow_request WHERE actor = ?")) {
            s.setString(1, actor.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(followerRow(rs)) : Optional.empty();
            }
        }
    }

    /** Removes a pending request. */
    public void removeRequest(Connection c, URI actor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM follow_request WHERE actor = ?")) {
            s.setString(1, actor.toString());
            s.executeUpdate();
        }
    }

    private static Follower followerRow(ResultSet rs) throws SQLException {
        return new Follower(
                URI.create(rs.getString(1)),
                URI.create(rs.getString(2)),
                rs.getString(3) == null ? null : URI.create(rs.getString(3)),
                URI.create(rs.getString(4)));
    }

    private static Following row(ResultSet rs) throws SQLException {
        return new Following(
                URI.create(rs.getString(1)), URI.create(rs.getString(2)), URI.create(rs.getString(3)), rs.getString(4));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
