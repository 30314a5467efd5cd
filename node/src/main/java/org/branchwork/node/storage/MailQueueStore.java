package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.MailBacklog;
import org.branchwork.node.domain.MailKind;
import org.branchwork.node.domain.MailingId;
import org.branchwork.node.domain.MemberId;

/**
 * The mail queue ({@code mail_out}): one row per mail to one member. A worker claims due rows
 * under a token with a lease, and only the claim's holder may mark a row sent, retried or failed,
 * so a stale list never sends twice. Rows are read with the member's current address and name,
 * which therefore never sit in the queue; an erased member's rows go with them.
 */
public final class MailQueueStore {

    /**
     * One mail ready to go.
     *
     * @param subject  the mail's own subject (event mails, tests), or null for a mailing's
     * @param body     the mail's own text, or null for a mailing's
     * @param calendar an iCalendar file to attach, or null
     * @param wanted   whether it should still go: the address has not bounced and, for a
     *                 mailing, the member's consent for its purpose still stands
     */
    public record Queued(
            long id,
            MailingId mailing,
            ConsultationId consultation,
            MemberId member,
            MailKind kind,
            String subject,
            String body,
            String calendar,
            int attempts,
            String email,
            String displayName,
            boolean wanted) {}

    /** Queues one mail with its own subject and text (an event's mail, a mailing's test). */
    public void enqueue(
            Connection c, MemberId member, MailKind kind, String subject, String body, String calendar, Instant due)
            throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO mail_out (member_id, kind, subject, body, calendar, state, due_at) "
                        + "VALUES (?, ?, ?, ?, ?, 'queued', ?)")) {
            s.setLong(1, member.value());
            s.setString(2, kind.code());
            s.setString(3, subject);
            s.setString(4, body);
            s.setString(5, calendar);
            s.setTimestamp(6, Timestamp.from(due));
            s.executeUpdate();
        }
    }

    /**
     * The due rows, oldest first, up to a limit. The ORDER BY names the columns of the
     * (state, due_at, id) index from its first, or HSQLDB sorts every queued row (V50).
     */
    static final String DUE = "SELECT id FROM mail_out WHERE state = 'queued' AND due_at <= ? "
            + "AND (lease_until IS NULL OR lease_until <= ?) ORDER BY state, due_at, id LIMIT ?";

    /** Claims up to {@code limit} due rows, oldest first, under {@code claim} until {@code leaseUntil}. */
    public List<Queued> claimDue(Connection c, Instant now, int limit, String claim, Instant leaseUntil)
            throws SQLException {
        // Due ids first, then each taken only if still free: one UPDATE with the ordered, limited
        // select as its IN list is evaluated per row by HSQLDB.
        List<Long> due = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(DUE)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(rs.getLong(1));
                }
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE mail_out SET claim = ?, lease_until = ? WHERE id = ? "
                + "AND state = 'queued' AND (lease_until IS NULL OR lease_until <= ?)")) {
            for (long id : due) {
                s.setString(1, claim);
                s.setTimestamp(2, Timestamp.from(leaseUntil));
                s.setLong(3, id);
                s.setTimestamp(4, Timestamp.from(now));
                s.addBatch();
            }
            s.executeBatch();
        }
        List<Queued> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT o.id, o.mailing_id, o.consultation_id, o.member_id, o.kind, o.subject, o.body, o.calendar, o.attempts,
                       m.email, m.display_name,
                       CASE WHEN m.mail_bounced_at IS NOT NULL THEN FALSE
                            WHEN g.id IS NULL THEN TRUE
                            ELSE COALESCE((SELECT k.granted FROM member_consent k
                                 WHERE k.member_id = o.member_id AND k.purpose = g.purpose AND k.id =
                                 (SELECT MAX(k2.id) FROM member_consent k2
                                  WHERE k2.member_id = o.member_id AND k2.purpose = g.purpose)), FALSE) END
                FROM mail_out o JOIN member m ON m.id = o.member_id LEFT JOIN mailing g ON g.id = o.mailing_id
                WHERE o.claim = ? AND o.state = 'queued' ORDER BY o.due_at, o.id
                """)) {
            s.setString(1, claim);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long mailing = rs.getLong(2);
                    boolean own = rs.wasNull();
                    String consultation = rs.getString(3);
                    out.add(new Queued(
                            rs.getLong(1),
                            own ? null : new MailingId(mailing),
                            consultation == null ? null : new ConsultationId(consultation),
                            new MemberId(rs.getLong(4)),
                            MailKind.fromCode(rs.getString(5)),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getInt(9),
                            rs.getString(10),
                            rs.getString(11),
                            rs.getBoolean(12)));
                }
            }
        }
        return out;
    }

    /** The mail server took it. */
    public void sent(Connection c, long id, String claim, Instant now) throws SQLException {
        finish(c, id, claim, "sent", now, null);
    }

    /** Failed for good (refused content, too many tries, an address that cannot be used). */
    public void failed(Connection c, long id, String claim, Instant now, String problem) throws SQLException {
        finish(c, id, claim, "failed", now, problem);
    }

    /** Not sent, on purpose (the member withdrew consent or the address bounced since it was queued). */
    public void skipped(Connection c, long id, String claim, Instant now, String problem) throws SQLException {
        finish(c, id, claim, "skipped", now, problem);
    }

    private static void finish(Connection c, long id, String claim, String state, Instant now, String problem)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE mail_out SET state = ?, sent_at = ?, problem = ?, "
                + "claim = NULL, lease_until = NULL, attempts = attempts + 1 WHERE id = ? AND claim = ?")) {
            s.setString(1, state);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, problem);
            s.setLong(4, id);
            s.setString(5, claim);
            s.executeUpdate();
        }
    }

    /** A try that the server put off (4xx): the row waits until {@code due}. */
    public void retryLater(Connection c, long id, String claim, Instant due, String problem) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE mail_out SET due_at = ?, problem = ?, claim = NULL, "
                + "lease_until = NULL, attempts = attempts + 1 WHERE id = ? AND claim = ?")) {
            s.setTimestamp(1, Timestamp.from(due));
            s.setString(2, problem);
            s.setLong(3, id);
            s.setString(4, claim);
            s.executeUpdate();
        }
    }

    /** Gives claimed rows back untried (the server could not be reached): they wait until {@code due}. */
    public void release(Connection c, String claim, Instant due) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE mail_out SET claim = NULL, lease_until = NULL, due_at = ? WHERE claim = ? AND state = 'queued'")) {
            s.setTimestamp(1, Timestamp.from(due));
            s.setString(2, claim);
            s.executeUpdate();
        }
    }

    /** Gives up every claim (at start, when this process alone opens the database). */
    public int releaseAll(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE mail_out SET claim = NULL, lease_until = NULL WHERE claim IS NOT NULL AND state = 'queued'")) {
            return s.executeUpdate();
        }
    }

    /** Marks the member's address as refused for good; cleared when the address changes. */
    public void bounced(Connection c, MemberId member, Instant now) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE member SET mail_bounced_at = COALESCE(mail_bounced_at, ?) WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, member.value());
            s.executeUpdate();
        }
    }

    /** Counts an unsubscribe against the mailing that carried the link, if the member was one of its recipients. */
    public void unsubscribedFrom(Connection c, MailingId mailing, MemberId member) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE mail_out SET unsubscribed = TRUE WHERE mailing_id = ? AND member_id = ?")) {
            s.setLong(1, mailing.value());
            s.setLong(2, member.value());
            s.executeUpdate();
        }
    }

    /** When the next queued row is due, if any is. */
    public Optional<Instant> nextDue(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                        "SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > due_at THEN lease_until "
                                + "ELSE due_at END) FROM mail_out WHERE state = 'queued'");
                ResultSet rs = s.executeQuery()) {
            Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
            return Optional.ofNullable(t).map(Timestamp::toInstant);
        }
    }

    public MailBacklog backlog(Connection c, Instant dayAgo) throws SQLException {
        int queued;
        Instant oldest;
        try (PreparedStatement s =
                        c.prepareStatement("SELECT COUNT(*), MIN(due_at) FROM mail_out WHERE state = 'queued'");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            queued = rs.getInt(1);
            Timestamp t = rs.getTimestamp(2);
            oldest = t == null ? null : t.toInstant();
        }
        try (PreparedStatement s =
                c.prepareStatement("SELECT COUNT(*) FROM mail_out WHERE state = 'failed' AND sent_at >= ?")) {
            s.setTimestamp(1, Timestamp.from(dayAgo));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return new MailBacklog(queued, rs.getInt(1), oldest);
            }
        }
    }
}
