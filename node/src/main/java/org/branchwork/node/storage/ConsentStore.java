package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.MemberId;

/** Members' consents with their history ({@code member_consent}); erased with the member (cascade). */
public final class ConsentStore {

    public void add(Connection c, MemberId member, Consent consent) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO member_consent (member_id, purpose, granted, how, wording, by_member, recorded_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, member.value());
            s.setString(2, consent.purpose().code());
            s.setBoolean(3, consent.granted());
            s.setString(4, consent.how().code());
            s.setString(5, consent.wording());
            if (consent.by() == null) {
                s.setNull(6, Types.BIGINT);
            } else {
                s.setLong(6, consent.by().value());
            }
            s.setTimestamp(7, Timestamp.from(consent.at()));
            s.executeUpdate();
        }
    }

    /** The member's consents, oldest first: the last per purpose stands. */
    public List<Consent> history(Connection c, MemberId member) throws SQLException {
        List<Consent> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT purpose, granted, how, wording, by_member, recorded_at FROM member_consent "
                        + "WHERE member_id = ? ORDER BY id")) {
            s.setLong(1, member.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long by = rs.getLong(5);
                    boolean noOne = rs.wasNull();
                    out.add(new Consent(
                            Consent.Purpose.fromCode(rs.getString(1)),
                            rs.getBoolean(2),
                            Consent.How.fromCode(rs.getString(3)),
                            rs.getString(4),
                            noOne ? null : new MemberId(by),
                            rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return out;
    }
}
