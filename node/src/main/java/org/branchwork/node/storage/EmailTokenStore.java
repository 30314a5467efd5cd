package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.branchwork.node.domain.MemberId;

/** One-time tokens sent by mail, by the SHA-256 of the token. */
public final class EmailTokenStore {

    /** What a token is for; the code is the stored spelling. */
    public enum Purpose {
        CONFIRM("confirm"),
        RESET("reset");

        final String code;

        Purpose(String code) {
            this.code = code;
        }
    }

    /** Stores a new token, replacing any earlier one of the same purpose (only the newest link works). */
    public void create(Connection c, String tokenHash, MemberId member, Purpose purpose, Instant expiresAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM email_token WHERE member_id = ? AND purpose = ?")) {
            s.setLong(1, member.value());
            s.setString(2, purpose.code);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO email_token (token_hash, member_id, purpose, expires_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, tokenHash);
            s.setLong(2, member.value());
            s.setString(3, purpose.code);
            s.setTimestamp(4, Timestamp.from(expiresAt));
            s.executeUpdate();
        }
    }

    /** The member a valid, unexpired token belongs to; the token is used up either way. */
    public Optional<MemberId> take(Connection c, String tokenHash, Purpose purpose, Instant now) throws SQLException {
        Optional<MemberId> member = Optional.empty();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT member_id, expires_at FROM email_token WHERE token_hash = ? AND purpose = ?")) {
            s.setString(1, tokenHash);
            s.setString(2, purpose.code);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getTimestamp(2).toInstant().isAfter(now)) {
                    member = Optional.of(new MemberId(rs.getLong(1)));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM email_token WHERE token_hash = ?")) {
            s.setString(1, tokenHash);
            s.executeUpdate();
        }
        return member;
    }
}
