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

import org.branchwork.node.domain.MemberId;

/** Which branches each member reads in their feed. */
public final class SubscriptionStore {

    /** False when the member already had this subscription. */
    public boolean add(Connection c, MemberId member, URI actor, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO member_subscription (member_id, actor, created_at)
                SELECT ?, ?, ? FROM (VALUES (0)) WHERE NOT EXISTS
                    (SELECT 1 FROM member_subscription WHERE member_id = ? AND actor = ?)
                """)) {
            s.setLong(1, member.value());
            s.setString(2, actor.toString());
            s.setTimestamp(3, Timestamp.from(now));
            s.setLong(4, member.value());
            s.setString(5, actor.toString());
            return s.executeUpdate() > 0;
        }
    }

    public boolean remove(Connection c, MemberId member, URI actor) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM member_subscription WHERE member_id = ? AND actor = ?")) {
            s.setLong(1, member.value());
            s.setString(2, actor.toString());
            return s.executeUpdate() > 0;
        }
    }

    public List<URI> ofMember(Connection c, MemberId member) throws SQLException {
        List<URI> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT actor FROM member_subscription WHERE member_id = ? ORDER BY created_at")) {
            s.setLong(1, member.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(URI.create(rs.getString(1)));
                }
            }
        }
        return out;
    }

    public int forget(Connection c, MemberId member) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM member_subscription WHERE member_id = ?")) {
            s.setLong(1, member.value());
            return s.executeUpdate();
        }
    }
}
