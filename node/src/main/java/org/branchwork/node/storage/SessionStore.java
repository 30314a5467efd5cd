package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.branchwork.node.domain.MemberId;

/** Signed-in sessions, by the SHA-256 of their cookie value. */
public final class SessionStore {

    /** A stored session. */
    public record StoredSession(MemberId member, String csrfToken, Instant createdAt, Instant lastSeenAt) {}

    public void create(Connection c, String idHash, MemberId member, String csrfToken, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO web_session (id_hash, member_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, idHash);
            s.setLong(2, member.value());
            s.setString(3, csrfToken);
            s.setTimestamp(4, Timestamp.from(now));
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    public Optional<StoredSession> find(Connection c, String idHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT member_id, csrf_token, created_at, last_seen_at FROM web_session WHERE id_hash = ?")) {
            s.setString(1, idHash);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new StoredSession(
                                new MemberId(rs.getLong(1)),
                                rs.getString(2),
                                rs.getTimestamp(3).toInstant(),
                                rs.getTimestamp(4).toInstant()))
                        : Optional.empty();
            }
        }
    }

    public void touch(Connection c, String idHash, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE web_session SET last_seen_at = ? WHERE id_hash = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, idHash);
            s.executeUpdate();
        }
    }

    public void delete(Connection c, String idHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM web_session WHERE id_hash = ?")) {
            s.setString(1, idHash);
            s.executeUpdate();
        }
    }

    /** Ends every session of a member (role change, password reset, erasure). */
    public int deleteForMember(Connection c, MemberId member) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM web_session WHERE member_id = ?")) {
            s.setLong(1, member.value());
            return s.executeUpdate();
        }
    }

    /** Removes sessions idle since before {@code idleBefore} or created before {@code createdBefore}. */
    public int deleteExpired(Connection c, Instant idleBefore, Instant createdBefore) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM web_session WHERE last_seen_at < ? OR created_at < ?")) {
            s.setTimestamp(1, Timestamp.from(idleBefore));
            s.setTimestamp(2, Timestamp.from(createdBefore));
            return s.executeUpdate();
        }
    }
}
