package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.BranchTally;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.Tally;

/**
 * Consultations across the network, both ends, counts only: on a branch, where a received
 * consultation came from and whether it was taken up ({@code consultation_received},
 * {@code consultation_auto_take_up}); on the owner, the branches that took part with their latest
 * signed tally ({@code consultation_branch}) and the fediverse's public votes
 * ({@code consultation_public_vote}). Nothing here names a member.
 */
public final class ConsultationNetworkStore {

    /** A consultation received from another node. */
    public record Received(
            ConsultationId id,
            URI question,
            URI owner,
            URI ownerInbox,
            String ownerName,
            Instant receivedAt,
            Instant takenUpAt,
            long tallySequence) {

        public boolean takenUp() {
            return takenUpAt != null;
        }
    }

    /** A branch that took part in one of our consultations, and its latest tally (null until one came). */
    public record Branch(URI actor, Instant joinedAt, BranchTally tally, String signed) {}

    private static final String RECEIVED = "SELECT consultation_id, question, owner_actor, owner_inbox, owner_name, "
            + "received_at, taken_up_at, tally_sequence FROM consultation_received";

    public void insertReceived(Connection c, Received r) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO consultation_received (consultation_id, question, "
                + "owner_actor, owner_inbox, owner_name, received_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.id().value());
            s.setString(2, r.question().toString());
            s.setString(3, r.owner().toString());
            s.setString(4, r.ownerInbox().toString());
            s.setString(5, r.ownerName());
            s.setTimestamp(6, Timestamp.from(r.receivedAt()));
            s.executeUpdate();
        }
    }

    public Optional<Received> receivedByQuestion(Connection c, URI question) throws SQLException {
        return one(c, RECEIVED + " WHERE question = ?", question.toString());
    }

    public Optional<Received> received(Connection c, ConsultationId id) throws SQLException {
        return one(c, RECEIVED + " WHERE consultation_id = ?", id.value());
    }

    private static Optional<Received> one(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Timestamp taken = rs.getTimestamp(7);
                return Optional.of(new Received(
                        new ConsultationId(rs.getString(1)),
                        URI.create(rs.getString(2)),
                        URI.create(rs.getString(3)),
                        URI.create(rs.getString(4)),
                        rs.getString(5),
                        rs.getTimestamp(6).toInstant(),
                        taken == null ? null : taken.toInstant(),
                        rs.getLong(8)));
            }
        }
    }

    /** Marks it taken up; false when it was already. */
    public boolean takeUp(Connection c, ConsultationId id, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE consultation_received SET taken_up_at = ? "
                + "WHERE consultation_id = ? AND taken_up_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, id.value());
            return s.executeUpdate() == 1;
        }
    }

    /** The next tally's sequence number, counted up in the caller's transaction. */
    public long nextSequence(Connection c, ConsultationId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE consultation_received SET tally_sequence = tally_sequence + 1 WHERE consultation_id = ?")) {
            s.setString(1, id.value());
            s.executeUpdate();
        }
        return received(c, id).orElseThrow().tallySequence();
    }

    public void setAutoTakeUp(Connection c, URI actor, boolean on, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                on
                        ? "MERGE INTO consultation_auto_take_up t USING (VALUES (CAST(? AS VARCHAR(2048)),"
                                + " CAST(? AS TIMESTAMP WITH TIME ZONE))) v (a, t) ON t.actor = v.a"
                                + " WHEN NOT MATCHED THEN INSERT VALUES (v.a, v.t)"
                        : "DELETE FROM consultation_auto_take_up WHERE actor = ?")) {
            s.setString(1, actor.toString());
            if (on) {
                s.setTimestamp(2, Timestamp.from(at));
            }
            s.executeUpdate();
        }
    }

    public List<URI> autoTakeUp(Connection c) throws SQLException {
        List<URI> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT actor FROM consultation_auto_take_up ORDER BY actor");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(URI.create(rs.getString(1)));
            }
        }
        return out;
    }

    /** Records a branch's taking part; false when it had already. */
    public boolean join(Connection c, ConsultationId id, URI actor, Instant at) throws SQLException {
        if (branch(c, id, actor).isPresent()) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO consultation_branch (consultation_id, actor, joined_at) VALUES (?, ?, ?)")) {
            s.setString(1, id.value());
            s.setString(2, actor.toString());
            s.setTimestamp(3, Timestamp.from(at));
            s.executeUpdate();
        }
        return true;
    }

    /** Keeps a branch's tally and its signed object as received. */
    public void saveTally(Connection c, ConsultationId id, URI actor, BranchTally t, String signed)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE consultation_branch SET tally_sequence = ?, "
                + "tally_updated = ?, tally_final = ?, electorate = ?, ballots = ?, receipts_hash = ?, counts = ?, "
                + "signed = ? WHERE consultation_id = ? AND actor = ?")) {
            s.setLong(1, t.sequence());
            s.setTimestamp(2, Timestamp.from(t.updated()));
            s.setBoolean(3, t.isFinal());
            s.setLong(4, t.electorate());
            s.setLong(5, t.ballots());
            s.setString(6, t.receiptsHash());
            s.setString(7, encode(t.tally()));
            s.setString(8, signed);
            s.setString(9, id.value());
            s.setString(10, actor.toString());
            s.executeUpdate();
        }
    }

    private static final String BRANCH = "SELECT actor, joined_at, tally_sequence, tally_updated, tally_final, "
            + "electorate, ballots, receipts_hash, counts, signed FROM consultation_branch WHERE consultation_id = ?";

    public Optional<Branch> branch(Connection c, ConsultationId id, URI actor) throws SQLException {
        return branches(c, id, BRANCH + " AND actor = ?", actor.toString(), 0).stream()
                .findFirst();
    }

    /** The branches that took part, in the order they did. */
    public List<Branch> branches(Connection c, ConsultationId id, int options) throws SQLException {
        return branches(c, id, BRANCH + " ORDER BY joined_at, actor", null, options);
    }

    private static List<Branch> branches(Connection c, ConsultationId id, String sql, String actor, int options)
            throws SQLException {
        List<Branch> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id.value());
            if (actor != null) {
                s.setString(2, actor);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long sequence = rs.getLong(3);
                    BranchTally t = rs.wasNull()
                            ? null
                            : new BranchTally(
                                    rs.getLong(6),
                                    decode(rs.getString(9), options),
                                    rs.getString(8),
                                    sequence,
                                    rs.getTimestamp(4).toInstant(),
                                    rs.getBoolean(5));
                    out.add(new Branch(
                            URI.create(rs.getString(1)), rs.getTimestamp(2).toInstant(), t, rs.getString(10)));
                }
            }
        }
        return out;
    }

    /** Replaces an actor's public votes on a consultation with these option positions. */
    public void publicVote(Connection c, ConsultationId id, URI actor, List<Integer> positions, Instant at)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("DELETE FROM consultation_public_vote WHERE consultation_id = ? AND actor = ?")) {
            s.setString(1, id.value());
            s.setString(2, actor.toString());
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO consultation_public_vote (consultation_id, actor, "
                + "position, received_at) VALUES (?, ?, ?, ?)")) {
            for (int p : positions) {
                s.setString(1, id.value());
                s.setString(2, actor.toString());
                s.setInt(3, p);
                s.setTimestamp(4, Timestamp.from(at));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The actor's public votes so far (option positions). */
    public List<Integer> publicVotesOf(Connection c, ConsultationId id, URI actor) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT position FROM consultation_public_vote "
                + "WHERE consultation_id = ? AND actor = ? ORDER BY position")) {
            s.setString(1, id.value());
            s.setString(2, actor.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
        }
        return out;
    }

    /** Public votes per option position. */
    public long[] publicCounts(Connection c, ConsultationId id, int options) throws SQLException {
        long[] out = new long[options];
        try (PreparedStatement s = c.prepareStatement("SELECT position, COUNT(*) FROM consultation_public_vote "
                + "WHERE consultation_id = ? GROUP BY position")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(1) < options) {
                        out[rs.getInt(1)] = rs.getLong(2);
                    }
                }
            }
        }
        return out;
    }

    /** Counts as stored: {@code ranking=ballots} per line, lines joined by semicolons ({@code 2,0=3;1=4}). */
    static String encode(Tally t) {
        StringBuilder out = new StringBuilder();
        for (Tally.Line l : t.lines()) {
            out.append(out.isEmpty() ? "" : ";")
                    .append(Tally.encode(l.ranking()))
                    .append('=')
                    .append(l.ballots());
        }
        return out.toString();
    }

    static Tally decode(String stored, int options) {
        List<Tally.Line> lines = new ArrayList<>();
        int most = 0;
        if (stored != null && !stored.isEmpty()) {
            for (String line : stored.split(";")) {
                int eq = line.indexOf('=');
                List<Integer> ranking = Tally.decode(line.substring(0, eq));
                most = Math.max(
                        most, ranking.stream().mapToInt(i -> i + 1).max().orElse(0));
                lines.add(new Tally.Line(ranking, Long.parseLong(line.substring(eq + 1))));
            }
        }
        return new Tally(Math.max(options, most), lines);
    }
}
