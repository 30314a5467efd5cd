package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Supporter-list imports waiting for the organiser's go, running, or done. */
public final class MemberImportStore {

    /** An import as stored; rows and report are JSON written by the import service. */
    public record StoredImport(long id, long createdBy, Instant createdAt, String fileName, String state, int totalRows,
                               int validRows, int doneRows, int skippedRows, String rowsJson, String reportJson) {
    }

    public long create(Connection c, long createdBy, Instant now, String fileName, int totalRows, int validRows, String rowsJson,
                       String reportJson) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO member_import (created_by, created_at, file_name, state, total_rows, valid_rows, rows_json, report_json)
                VALUES (?, ?, ?, 'validated', ?, ?, ?, ?)
                """, Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, createdBy);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, fileName);
            s.setInt(4, totalRows);
            s.setInt(5, validRows);
            s.setString(6, rowsJson);
            s.setString(7, reportJson);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public Optional<StoredImport> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, created_by, created_at, file_name, state, total_rows, valid_rows, done_rows, skipped_rows,
                       rows_json, report_json FROM member_import WHERE id = ?
                """)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredImport(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getString(10),
                        rs.getString(11)));
            }
        }
    }

    /** Moves {@code from} to {@code to}; false when the import was not in state {@code from} (a double click). */
    public boolean transition(Connection c, long id, String from, String to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE member_import SET state = ? WHERE id = ? AND state = ?")) {
            s.setString(1, to);
            s.setLong(2, id);
            s.setString(3, from);
            return s.executeUpdate() == 1;
        }
    }

    public void progress(Connection c, long id, int done, int skipped) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE member_import SET done_rows = done_rows + ?, skipped_rows = skipped_rows + ? WHERE id = ?")) {
            s.setInt(1, done);
            s.setInt(2, skipped);
            s.setLong(3, id);
            s.executeUpdate();
        }
    }
}
