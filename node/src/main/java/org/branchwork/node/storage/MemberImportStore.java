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
 * Supporter-list imports waiting for their columns to be mapped, for the organiser's go, running,
 * or done; with the uploaded text while columns are mapped and the validated rows until imported
 * (personal data both: deleted once checked, imported or discarded), and the problems found.
 */
public final class MemberImportStore {

    private static final int INSERT_BATCH = 1000;

    /**
     * An import's state and counts; {@code knownRows} were members already when the file was
     * checked, {@code lastLine} is the last file line committed so far.
     */
    public record StoredImport(
            long id,
            long createdBy,
            Instant createdAt,
            String fileName,
            String state,
            String encoding,
            char delimiter,
            int totalRows,
            int validRows,
            int knownRows,
            int doneRows,
            int skippedRows,
            int problemCount,
            int lastLine) {}

    /** How an upload was read: its name as given, its encoding's label and its delimiter. */
    public record Upload(String fileName, String encoding, char delimiter) {}

    /** A checked file's counts. */
    public record Counts(int totalRows, int validRows, int knownRows, int problemCount) {}

    /** A new import, in state {@code state} ('mapping' or 'validated'), with its counts so far. */
    public long create(Connection c, long createdBy, Instant now, Upload upload, String state, Counts counts)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO member_import (created_by, created_at, file_name, state, encoding, delimiter,
                                           total_rows, valid_rows, known_rows, problem_count)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, createdBy);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, upload.fileName());
            s.setString(4, state);
            s.setString(5, upload.encoding());
            s.setString(6, String.valueOf(upload.delimiter()));
            s.setInt(7, counts.totalRows());
            s.setInt(8, counts.validRows());
            s.setInt(9, counts.knownRows());
            s.setInt(10, counts.problemCount());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Moves an import from 'mapping' to 'validated' with the counts of its check; false if it was not mapping. */
    public boolean checked(Connection c, long id, Counts counts) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE member_import SET state = 'validated', total_rows = ?, valid_rows = ?, known_rows = ?,
                       problem_count = ?
                WHERE id = ? AND state = 'mapping'
                """)) {
            s.setInt(1, counts.totalRows());
            s.setInt(2, counts.validRows());
            s.setInt(3, counts.knownRows());
            s.setInt(4, counts.problemCount());
            s.setLong(5, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Keeps an upload's decoded text while its columns are mapped. */
    public void keepFile(Connection c, long id, String text) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO member_import_file (import_id, body) VALUES (?, ?)")) {
            s.setLong(1, id);
            s.setCharacterStream(2, new java.io.StringReader(text), text.length());
            s.executeUpdate();
        }
    }

    /** The text kept for an import whose columns are being mapped. */
    public Optional<String> file(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT body FROM member_import_file WHERE import_id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void dropFile(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM member_import_file WHERE import_id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    /**
     * Discards the imports left waiting for their columns since before {@code before}, and forgets
     * their files: an organiser who walked away from the mapping step leaves no personal data behind.
     */
    public int discardMappingBefore(Connection c, Instant before) throws SQLException {
        try (PreparedStatement drop = c.prepareStatement("""
                        DELETE FROM member_import_file WHERE import_id IN
                            (SELECT id FROM member_import WHERE state = 'mapping' AND created_at < ?)
                        """);
                PreparedStatement discard = c.prepareStatement(
                        "UPDATE member_import SET state = 'discarded' WHERE state = 'mapping' AND created_at < ?")) {
            drop.setTimestamp(1, Timestamp.from(before));
            drop.executeUpdate();
            discard.setTimestamp(1, Timestamp.from(before));
            return discard.executeUpdate();
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
                SELECT id, created_by, created_at, file_name, state, encoding, delimiter, total_rows, valid_rows,
                       known_rows, done_rows, skipped_rows, problem_count, last_line
                FROM member_import WHERE id = ?
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
                        rs.getString(6),
                        rs.getString(7).charAt(0),
                        rs.getInt(8),
                        rs.getInt(9),
                        rs.getInt(10),
                        rs.getInt(11),
                        rs.getInt(12),
                        rs.getInt(13),
                        rs.getInt(14)));
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

    /** The basis the organiser stated for contacting the import's rows. */
    public void setBasis(Connection c, long id, org.branchwork.node.domain.ImportBasis basis) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE member_import SET consent_basis = ? WHERE id = ?")) {
            s.setString(1, basis.code());
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    public org.branchwork.node.domain.ImportBasis basis(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT consent_basis FROM member_import WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? org.branchwork.node.domain.ImportBasis.fromCode(rs.getString(1))
                                .orElse(org.branchwork.node.domain.ImportBasis.NONE)
                        : org.branchwork.node.domain.ImportBasis.NONE;
            }
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
