package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.ImportProblem;
import org.branchwork.node.domain.ImportRow;
import org.branchwork.node.domain.MemberDetails;

/**
 * Supporter-list imports waiting for the organiser's go, running, or done; with their validated
 * rows (personal data: deleted once imported or discarded) and the problems found in the file.
 */
public final class MemberImportStore {

    private static final int INSERT_BATCH = 1000;

    /** An import's state and counts; {@code lastLine} is the last file line committed so far. */
    public record StoredImport(
            long id,
            long createdBy,
            Instant createdAt,
            String fileName,
            String state,
            int totalRows,
            int validRows,
            int doneRows,
            int skippedRows,
            int problemCount,
            int lastLine) {}

    public long create(
            Connection c, long createdBy, Instant now, String fileName, int totalRows, int validRows, int problemCount)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO member_import (created_by, created_at, file_name, state, total_rows, valid_rows, problem_count)
                VALUES (?, ?, ?, 'validated', ?, ?, ?)
                """, Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, createdBy);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, fileName);
            s.setInt(4, totalRows);
            s.setInt(5, validRows);
            s.setInt(6, problemCount);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public void addRows(Connection c, long id, List<ImportRow> rows) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO member_import_row (import_id, line, display_name, email, postcode, phone, contact_consent, tags)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)) {
            insertAll(s, rows, r -> {
                MemberDetails d = r.details();
                s.setLong(1, id);
                s.setInt(2, r.line());
                s.setString(3, d.displayName());
                s.setString(4, d.email());
                s.setString(5, d.postcode());
                s.setString(6, d.phone());
                s.setBoolean(7, d.contactConsent());
                s.setString(8, String.join(",", r.tags()));
            });
        }
    }

    public void addProblems(Connection c, long id, List<ImportProblem> problems) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO member_import_problem (import_id, seq, line, column_name, reason) VALUES (?, ?, ?, ?, ?)")) {
            int[] seq = {0};
            insertAll(s, problems, p -> {
                s.setLong(1, id);
                s.setInt(2, seq[0]++);
                s.setInt(3, p.line());
                s.setString(4, p.column().length() > 40 ? p.column().substring(0, 40) : p.column());
                s.setString(5, p.reason().length() > 500 ? p.reason().substring(0, 500) : p.reason());
            });
        }
    }

    /** Sets one item's parameters on the statement. */
    private interface Binder<T> {
        void bind(T item) throws SQLException;
    }

    /** Adds each item to the statement's batch and sends the batch every {@link #INSERT_BATCH} rows. */
    private static <T> void insertAll(PreparedStatement s, List<T> items, Binder<T> binder) throws SQLException {
        int pending = 0;
        for (T item : items) {
            binder.bind(item);
            s.addBatch();
            if (++pending == INSERT_BATCH) {
                s.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            s.executeBatch();
        }
    }

    /** The next {@code limit} validated rows after file line {@code afterLine}, in file order. */
    public List<ImportRow> rowsAfter(Connection c, long id, int afterLine, int limit) throws SQLException {
        List<ImportRow> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT line, display_name, email, postcode, phone, contact_consent, tags FROM member_import_row
                WHERE import_id = ? AND line > ? ORDER BY line LIMIT ?
                """)) {
            s.setLong(1, id);
            s.setInt(2, afterLine);
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String tags = rs.getString(7);
                    out.add(new ImportRow(
                            rs.getInt(1),
                            new MemberDetails(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getString(5),
                                    rs.getBoolean(6)),
                            tags.isEmpty() ? java.util.Set.of() : new LinkedHashSet<>(Arrays.asList(tags.split(",")))));
                }
            }
        }
        return out;
    }

    /** The first {@code limit} problems, in the order they were found. */
    public List<ImportProblem> problems(Connection c, long id, int limit) throws SQLException {
        List<ImportProblem> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT line, column_name, reason FROM member_import_problem WHERE import_id = ? ORDER BY seq LIMIT ?")) {
            s.setLong(1, id);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ImportProblem(rs.getInt(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    public Optional<StoredImport> find(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, created_by, created_at, file_name, state, total_rows, valid_rows, done_rows, skipped_rows,
                       problem_count, last_line FROM member_import WHERE id = ?
                """)) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredImport(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getTimestamp(3).toInstant(),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getInt(10),
                        rs.getInt(11)));
            }
        }
    }

    /** Imports left running when the node stopped. */
    public List<StoredImport> running(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s =
                        c.prepareStatement("SELECT id FROM member_import WHERE state = 'running' ORDER BY id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        List<StoredImport> out = new ArrayList<>();
        for (long id : ids) {
            find(c, id).ifPresent(out::add);
        }
        return out;
    }

    /** Moves {@code from} to {@code to}; false when the import was not in state {@code from} (a double click). */
    public boolean transition(Connection c, long id, String from, String to) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE member_import SET state = ? WHERE id = ? AND state = ?")) {
            s.setString(1, to);
            s.setLong(2, id);
            s.setString(3, from);
            return s.executeUpdate() == 1;
        }
    }

    /** Records a committed batch: counts, and the last file line it covered. */
    public void progress(Connection c, long id, int done, int skipped, int lastLine) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE member_import SET done_rows = done_rows + ?, skipped_rows = skipped_rows + ?, last_line = ? WHERE id = ?
                """)) {
            s.setInt(1, done);
            s.setInt(2, skipped);
            s.setInt(3, lastLine);
            s.setLong(4, id);
            s.executeUpdate();
        }
    }

    /** Forgets the rows (personal data) of an import that is done or discarded; counts and problems stay. */
    public void dropRows(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM member_import_row WHERE import_id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }
}
