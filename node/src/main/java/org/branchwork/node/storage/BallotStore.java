package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.Tally;

/**
 * Ballots ({@code consultation_ballot}): a ranking under the hash of its receipt, nothing else.
 * After the count, the counts per ranking ({@code consultation_tally}) and the receipts' hashes
 * ({@code consultation_receipt}) are what remains. Never names a member or the electoral roll.
 */
public final class BallotStore {

    public void insert(Connection c, ConsultationId id, String receiptHash, List<Integer> ranking) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO consultation_ballot (consultation_id, receipt_hash, ranking) VALUES (?, ?, ?)")) {
            s.setString(1, id.value());
            s.setString(2, receiptHash);
            s.setString(3, Tally.encode(ranking));
            s.executeUpdate();
        }
    }

    /** Replaces the ranking of the ballot with this receipt; false when there is none. */
    public boolean replace(Connection c, ConsultationId id, String receiptHash, List<Integer> ranking)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE consultation_ballot SET ranking = ? WHERE consultation_id = ? AND receipt_hash = ?")) {
            s.setString(1, Tally.encode(ranking));
            s.setString(2, id.value());
            s.setString(3, receiptHash);
            return s.executeUpdate() == 1;
        }
    }

    public long count(Connection c, ConsultationId id) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT COUNT(*) FROM consultation_ballot WHERE consultation_id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The live tally: each distinct ranking with its ballots, from the ballots themselves. */
    public List<Tally.Line> live(Connection c, ConsultationId id) throws SQLException {
        return lines(
                c,
                "SELECT ranking, COUNT(*) FROM consultation_ballot WHERE consultation_id = ? GROUP BY ranking "
                        + "ORDER BY ranking",
                id);
    }

    /** The tally kept at the count. */
    public List<Tally.Line> kept(Connection c, ConsultationId id) throws SQLException {
        return lines(
                c, "SELECT ranking, ballots FROM consultation_tally WHERE consultation_id = ? ORDER BY ranking", id);
    }

    private static List<Tally.Line> lines(Connection c, String sql, ConsultationId id) throws SQLException {
        List<Tally.Line> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Tally.Line(Tally.decode(rs.getString(1)), rs.getLong(2)));
                }
            }
        }
        return out;
    }

    /** Whether a receipt's hash is among the ballots (open) or the receipts kept (counted). */
    public boolean hasReceipt(Connection c, ConsultationId id, String receiptHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM consultation_ballot WHERE consultation_id = ? AND receipt_hash = ? UNION ALL "
                        + "SELECT 1 FROM consultation_receipt WHERE consultation_id = ? AND receipt_hash = ?")) {
            s.setString(1, id.value());
            s.setString(2, receiptHash);
            s.setString(3, id.value());
            s.setString(4, receiptHash);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The receipts' hashes, sorted: from the ballots while they exist, else from those kept. */
    public List<String> receiptHashes(Connection c, ConsultationId id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT receipt_hash FROM consultation_ballot WHERE consultation_id = ? UNION "
                        + "SELECT receipt_hash FROM consultation_receipt WHERE consultation_id = ? ORDER BY 1")) {
            s.setString(1, id.value());
            s.setString(2, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /**
     * The count's bookkeeping: keeps the counts per ranking and the receipts' hashes, then deletes
     * the individual ballots. Returns how many ballots were deleted.
     */
    public long keepTallyAndDeleteBallots(Connection c, ConsultationId id) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO consultation_tally (consultation_id, ranking, ballots) "
                        + "SELECT consultation_id, ranking, COUNT(*) FROM consultation_ballot WHERE consultation_id = ? "
                        + "GROUP BY consultation_id, ranking")) {
            s.setString(1, id.value());
            s.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO consultation_receipt (consultation_id, receipt_hash) "
                        + "SELECT consultation_id, receipt_hash FROM consultation_ballot WHERE consultation_id = ? "
                        + "ORDER BY receipt_hash")) {
            s.setString(1, id.value());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM consultation_ballot WHERE consultation_id = ?")) {
            s.setString(1, id.value());
            return s.executeUpdate();
        }
    }
}
