package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.MemberNote;

/** The notes organisers write about members ({@code member_note}); reached through {@link MemberStore#notes()}. */
public final class MemberNotes {

    MemberNotes() {}

    public void add(Connection c, MemberId member, MemberId author, String body, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO member_note (member_id, author_id, body, created_at) VALUES (?, ?, ?, ?)")) {
            s.setLong(1, member.value());
            s.setLong(2, author.value());
            s.setString(3, body);
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** Newest first; a note by an erased member stays, without a name (the join finds no author). */
    public List<MemberNote> of(Connection c, MemberId member) throws SQLException {
        List<MemberNote> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT n.id, n.author_id, COALESCE(a.display_name, ''), n.body, n.created_at
                FROM member_note n LEFT JOIN member a ON a.id = n.author_id
                WHERE n.member_id = ? ORDER BY n.created_at DESC, n.id DESC
                """)) {
            s.setLong(1, member.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new MemberNote(
                            rs.getLong(1),
                            member,
                            new MemberId(rs.getLong(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant()));
                }
            }
        }
        return out;
    }
}
