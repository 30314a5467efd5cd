package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;

/** Persistence of local accounts. Emails are stored lower-cased so that uniqueness ignores case. */
public final class MemberStore {

    public Member insert(Connection c, String email, String displayName, String passwordHash, Role role, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO member (email, display_name, password_hash, role, created_at) VALUES (?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, email);
            s.setString(2, displayName);
            s.setString(3, passwordHash);
            s.setString(4, role.code());
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Member(new MemberId(keys.getLong(1)), email, displayName, role, now);
            }
        }
    }

    public long countWithRole(Connection c, Role role) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM member WHERE role = ?")) {
            s.setString(1, role.code());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public boolean emailTaken(Connection c, String email) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM member WHERE email = ?")) {
            s.setString(1, email);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
