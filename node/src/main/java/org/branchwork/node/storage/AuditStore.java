package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import org.branchwork.node.domain.AuditEvent;

/** The audit log: appended to, never changed. */
public final class AuditStore {

    public void append(Connection c, AuditEvent e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO audit_event (occurred_at, actor_id, action, subject_id, detail) VALUES (?, ?, ?, ?, ?)")) {
            s.setTimestamp(1, Timestamp.from(e.at()));
            setId(s, 2, e.actorId());
            s.setString(3, e.action());
            setId(s, 4, e.subjectId());
            s.setString(5, e.detail().length() > 1000 ? e.detail().substring(0, 1000) : e.detail());
            s.executeUpdate();
        }
    }

    /** The newest events first. */
    public List<AuditEvent> recent(Connection c, int limit, int offset) throws SQLException {
        List<AuditEvent> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT occurred_at, actor_id, action, subject_id, detail FROM audit_event ORDER BY id DESC LIMIT ? OFFSET ?")) {
            s.setInt(1, limit);
            s.setInt(2, offset);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(event(rs));
                }
            }
        }
        return out;
    }

    /** Every entry about one member, oldest first ("download my data"). */
    public List<AuditEvent> about(Connection c, long subjectId) throws SQLException {
        List<AuditEvent> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT occurred_at, actor_id, action, subject_id, detail FROM audit_event WHERE subject_id = ? ORDER BY id")) {
            s.setLong(1, subjectId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(event(rs));
                }
            }
        }
        return out;
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        long actor = rs.getLong(2);
        Long actorId = rs.wasNull() ? null : actor;
        long subject = rs.getLong(4);
        Long subjectId = rs.wasNull() ? null : subject;
        return new AuditEvent(rs.getTimestamp(1).toInstant(), actorId, rs.getString(3), subjectId, rs.getString(5));
    }

    private static void setId(PreparedStatement s, int index, Long id) throws SQLException {
        if (id == null) {
            s.setNull(index, Types.BIGINT);
        } else {
            s.setLong(index, id);
        }
    }
}
