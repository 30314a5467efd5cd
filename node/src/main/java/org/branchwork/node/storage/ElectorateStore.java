package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.MailKind;
import org.branchwork.node.domain.MemberId;

/**
 * Who may vote in a consultation and who has ({@code consultation_elector}): member data, so one
 * of the member stores ({@code MemberDataBoundaryTest}). It never names a ballot table, and the
 * ballot store never names this one: the two halves of a vote meet only in the service's
 * transaction, which writes one of each and keeps no link.
 */
public final class ElectorateStore {

    /** A member's place on a consultation's roll: whether, and on which day, they voted. */
    public record Elector(LocalDate votedOn) {
        public boolean voted() {
            return votedOn != null;
        }
    }

    /** Why a member is not on the roll. */
    public enum NotOnRoll {
        JOINED_AFTER_CUTOFF,
        NOT_CONFIRMED_BY_CUTOFF,
        NO_SUCH_MEMBER
    }

    /**
     * Writes the roll: every member who joined before the cut-off and whose address was confirmed by
     * then (or was entered by an organiser or imported, as mailings count them), in one statement.
     * Returns its size.
     */
    public int freeze(Connection c, ConsultationId id, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO consultation_elector (consultation_id, member_id) "
                + "SELECT ?, m.id FROM member m WHERE m.created_at < ? "
                + "AND (m.source <> 'join' OR m.email_confirmed_at <= ?) ORDER BY m.id")) {
            s.setString(1, id.value());
            s.setTimestamp(2, Timestamp.from(cutoff));
            s.setTimestamp(3, Timestamp.from(cutoff));
            return s.executeUpdate();
        }
    }

    public Optional<Elector> find(Connection c, ConsultationId id, MemberId member) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT voted_on FROM consultation_elector WHERE consultation_id = ? AND member_id = ?")) {
            s.setString(1, id.value());
            s.setLong(2, member.value());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Date d = rs.getDate(1);
                return Optional.of(new Elector(d == null ? null : d.toLocalDate()));
            }
        }
    }

    /** Why the member is not on the roll of a consultation with this cut-off. */
    public NotOnRoll whyNot(Connection c, MemberId member, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT created_at FROM member WHERE id = ?")) {
            s.setLong(1, member.value());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return NotOnRoll.NO_SUCH_MEMBER;
                }
                return rs.getTimestamp(1).toInstant().isBefore(cutoff)
                        ? NotOnRoll.NOT_CONFIRMED_BY_CUTOFF
                        : NotOnRoll.JOINED_AFTER_CUTOFF;
            }
        }
    }

    /**
     * Marks the member as having voted, on {@code day} only; false when they already had (a second
     * ballot racing the first), so the caller rolls back.
     */
    public boolean markVoted(Connection c, ConsultationId id, MemberId member, LocalDate day) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE consultation_elector SET voted_on = ? "
                + "WHERE consultation_id = ? AND member_id = ? AND voted_on IS NULL")) {
            s.setDate(1, Date.valueOf(day));
            s.setString(2, id.value());
            s.setLong(3, member.value());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Queues one mail to each elector with an address (or, {@code notVotedOnly}, each who has not
     * voted), in one statement; the row names the consultation, whose link is made when it goes.
     * Returns how many were queued.
     */
    public int queueMail(
            Connection c,
            ConsultationId id,
            MailKind kind,
            String subject,
            String body,
            Instant due,
            boolean notVotedOnly)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO mail_out (consultation_id, member_id, kind, subject, body, state, due_at) "
                        + "SELECT e.consultation_id, e.member_id, ?, ?, ?, 'queued', ? FROM consultation_elector e "
                        + "JOIN member m ON m.id = e.member_id WHERE e.consultation_id = ? AND m.email IS NOT NULL"
                        + (notVotedOnly ? " AND e.voted_on IS NULL" : ""))) {
            s.setString(1, kind.code());
            s.setString(2, subject);
            s.setString(3, body);
            s.setTimestamp(4, Timestamp.from(due));
            s.setString(5, id.value());
            return s.executeUpdate();
        }
    }

    /** How many on the roll have voted. */
    public int voted(Connection c, ConsultationId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM consultation_elector WHERE consultation_id = ? AND voted_on IS NOT NULL")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** A consultation a member voted in, for their own data export: which and on what day, never how. */
    public record Voted(ConsultationId consultation, String title, LocalDate on) {}

    public List<Voted> votedIn(Connection c, MemberId member) throws SQLException {
        List<Voted> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT k.id, k.title, e.voted_on FROM consultation_elector e "
                + "JOIN consultation k ON k.id = e.consultation_id "
                + "WHERE e.member_id = ? AND e.voted_on IS NOT NULL ORDER BY e.voted_on, k.id")) {
            s.setLong(1, member.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Voted(
                            new ConsultationId(rs.getString(1)),
                            rs.getString(2),
                            rs.getDate(3).toLocalDate()));
                }
            }
        }
        return out;
    }
}
