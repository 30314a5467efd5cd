package org.branchwork.node.storage;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.VotingMethod;

/**
 * Consultations ({@code consultation}, {@code consultation_option}): what was asked and when, the
 * electorate's size once frozen and the certificate once counted. Neither who voted
 * ({@link ElectorateStore}) nor how ({@link BallotStore}).
 */
public final class ConsultationStore {

    private static final String COLUMNS = "id, title, markdown, method, max_choices, seats, kind, opens_at, closes_at, "
            + "electorate_cutoff, quorum, created_by, created_at, electorate, certified_at, certified_ballots, "
            + "receipts_hash, ballots_deleted_at";

    public void insert(Connection c, Consultation k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO consultation (id, title, markdown, method, "
                + "max_choices, seats, kind, opens_at, closes_at, electorate_cutoff, quorum, created_by, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, k.id().value());
            s.setString(2, k.title());
            s.setString(3, k.markdown());
            s.setString(4, k.method().code());
            setInt(s, 5, k.method() instanceof VotingMethod.Approval a ? a.maxChoices() : null);
            setInt(s, 6, k.method() instanceof VotingMethod.Ranked r ? r.seats() : null);
            s.setString(7, k.kind().code());
            s.setTimestamp(8, Timestamp.from(k.opensAt()));
            s.setTimestamp(9, Timestamp.from(k.closesAt()));
            s.setTimestamp(10, Timestamp.from(k.electorateCutoff()));
            s.setBigDecimal(11, k.quorum() == null ? null : BigDecimal.valueOf(k.quorum()));
            if (k.createdBy() == null) {
                s.setNull(12, Types.BIGINT);
            } else {
                s.setLong(12, k.createdBy().value());
            }
            s.setTimestamp(13, Timestamp.from(k.createdAt()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO consultation_option (consultation_id, position, name) VALUES (?, ?, ?)")) {
            for (int i = 0; i < k.options().size(); i++) {
                s.setString(1, k.id().value());
                s.setInt(2, i);
                s.setString(3, k.options().get(i));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void setInt(PreparedStatement s, int i, Integer v) throws SQLException {
        if (v == null) {
            s.setNull(i, Types.INTEGER);
        } else {
            s.setInt(i, v);
        }
    }

    /** Takes the consultation's row lock until the transaction ends, so freezing and counting happen once. */
    public void lock(Connection c, ConsultationId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE consultation SET kind = kind WHERE id = ?")) {
            s.setString(1, id.value());
            s.executeUpdate();
        }
    }

    public Optional<Consultation> find(Connection c, ConsultationId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM consultation WHERE id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(consultation(c, rs)) : Optional.empty();
            }
        }
    }

    /** The latest to close first. */
    public List<Consultation> recent(Connection c, int limit) throws SQLException {
        List<Consultation> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT " + COLUMNS + " FROM consultation ORDER BY closes_at DESC, id LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(consultation(c, rs));
                }
            }
        }
        return out;
    }

    /** Consultations whose electorate is due to be frozen or whose count is due, at {@code now}. */
    public List<ConsultationId> due(Connection c, Instant now) throws SQLException {
        List<ConsultationId> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM consultation WHERE "
                + "(electorate IS NULL AND opens_at <= ?) OR (certified_at IS NULL AND closes_at <= ?)")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConsultationId(rs.getString(1)));
                }
            }
        }
        return out;
    }

    public void frozen(Connection c, ConsultationId id, int electorate, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE consultation SET electorate = ?, frozen_at = ? WHERE id = ? AND electorate IS NULL")) {
            s.setInt(1, electorate);
            s.setTimestamp(2, Timestamp.from(at));
            s.setString(3, id.value());
            s.executeUpdate();
        }
    }

    /**
     * Open consultations closing within {@code until} whose electors have not been reminded, and
     * whose electorate was frozen (and so invited) at or before {@code invitedBy}.
     */
    public List<ConsultationId> dueForReminder(Connection c, Instant now, Instant until, Instant invitedBy)
            throws SQLException {
        List<ConsultationId> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM consultation WHERE reminded_at IS NULL "
                + "AND certified_at IS NULL AND closes_at > ? AND closes_at <= ? AND frozen_at <= ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(until));
            s.setTimestamp(3, Timestamp.from(invitedBy));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new ConsultationId(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** Marks the reminder sent; false when it was already (another sweep got there first). */
    public boolean reminded(Connection c, ConsultationId id, Instant at) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE consultation SET reminded_at = ? WHERE id = ? AND reminded_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setString(2, id.value());
            return s.executeUpdate() == 1;
        }
    }

    /** Brings the close forward to {@code now}; false when it had closed already. */
    public boolean closeNow(Connection c, ConsultationId id, Instant now) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE consultation SET closes_at = ? WHERE id = ? AND closes_at > ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, id.value());
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate() == 1;
        }
    }

    public void certified(Connection c, ConsultationId id, Consultation.Certificate cert) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE consultation SET certified_at = ?, certified_ballots = ?, "
                        + "receipts_hash = ?, ballots_deleted_at = ? WHERE id = ? AND certified_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(cert.certifiedAt()));
            s.setLong(2, cert.ballots());
            s.setString(3, cert.receiptsHash());
            s.setTimestamp(4, Timestamp.from(cert.ballotsDeletedAt()));
            s.setString(5, id.value());
            s.executeUpdate();
        }
    }

    private static Consultation consultation(Connection c, ResultSet rs) throws SQLException {
        ConsultationId id = new ConsultationId(rs.getString(1));
        VotingMethod method = switch (rs.getString(4)) {
            case "approval" -> new VotingMethod.Approval(rs.getInt(5));
            case "ranked" -> new VotingMethod.Ranked(rs.getInt(6));
            default -> new VotingMethod.Single();
        };
        BigDecimal quorum = rs.getBigDecimal(11);
        long by = rs.getLong(12);
        boolean nobody = rs.wasNull();
        int electorate = rs.getInt(14);
        boolean notFrozen = rs.wasNull();
        Timestamp certified = rs.getTimestamp(15);
        Consultation.Certificate cert = certified == null
                ? null
                : new Consultation.Certificate(
                        certified.toInstant(),
                        rs.getLong(16),
                        rs.getString(17),
                        rs.getTimestamp(18).toInstant());
        return new Consultation(
                id,
                rs.getString(2),
                rs.getString(3),
                options(c, id),
                method,
                Consultation.Kind.fromCode(rs.getString(7)),
                rs.getTimestamp(8).toInstant(),
                rs.getTimestamp(9).toInstant(),
                rs.getTimestamp(10).toInstant(),
                quorum == null ? null : quorum.doubleValue(),
                nobody ? null : new MemberId(by),
                rs.getTimestamp(13).toInstant(),
                notFrozen ? null : electorate,
                cert);
    }

    private static List<String> options(Connection c, ConsultationId id) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT name FROM consultation_option WHERE consultation_id = ? ORDER BY position")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
