package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.branchwork.node.domain.MemberId;

/**
 * Members' opt-in public profiles: the handle and display name their {@code Person} actor shows,
 * and its key pair. The one table federation may read about a member, and it holds nothing else.
 */
public final class PublicProfileStore {

    /** A stored profile. */
    public record Profile(MemberId member, String handle, String displayName, String publicPem, String privatePem) {}

    private static final String COLUMNS = "member_id, handle, display_name, public_pem, private_pem";

    public void insert(Connection c, Profile p, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO public_profile (" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, p.member().value());
            s.setString(2, p.handle());
            s.setString(3, p.displayName());
            s.setString(4, p.publicPem());
            s.setString(5, p.privatePem());
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    public void rename(Connection c, MemberId member, String displayName) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE public_profile SET display_name = ? WHERE member_id = ?")) {
            s.setString(1, displayName);
            s.setLong(2, member.value());
            s.executeUpdate();
        }
    }

    public boolean delete(Connection c, MemberId member) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM public_profile WHERE member_id = ?")) {
            s.setLong(1, member.value());
            return s.executeUpdate() > 0;
        }
    }

    public Optional<Profile> ofMember(Connection c, MemberId member) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM public_profile WHERE member_id = ?", member.value());
    }

    public Optional<Profile> byHandle(Connection c, String handle) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM public_profile WHERE handle = ?", handle);
    }

    private static Optional<Profile> one(Connection c, String sql, Object param) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, param);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Profile(
                                new MemberId(rs.getLong(1)),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5)))
                        : Optional.empty();
            }
        }
    }
}
