package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.Audience;
import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.MailKind;
import org.branchwork.node.domain.Mailing;
import org.branchwork.node.domain.MailingId;
import org.branchwork.node.domain.MailingProgress;
import org.branchwork.node.domain.MemberId;

/**
 * The organisers' mailings ({@code mailing}) and whom each reaches: the audience is a filter over
 * the member tables, evaluated when the organiser looks at the count and again, once, when the
 * mailing is queued (one {@code INSERT … SELECT} into {@code mail_out}, so 100,000 recipients
 * are queued in one statement and a second queueing adds nobody twice).
 */
public final class MailingStore {

    private static final String COLUMNS = "id, purpose, subject, markdown, audience_tags, audience_postcodes, "
            + "audience_joined, audience_event, state, send_at, recipients, created_by, created_at, broadcast_id";

    public MailingId insert(
            Connection c,
            Consent.Purpose purpose,
            String subject,
            String markdown,
            Audience audience,
            MemberId by,
            Long broadcast,
            Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO mailing (purpose, subject, markdown, audience_tags, audience_postcodes, audience_joined,
                                     audience_event, state, created_by, created_at, broadcast_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?)
                """, Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, purpose.code());
            s.setString(2, subject);
            s.setString(3, markdown);
            setAudience(s, 4, audience);
            if (by == null) {
                s.setNull(8, Types.BIGINT);
            } else {
                s.setLong(8, by.value());
            }
            s.setTimestamp(9, Timestamp.from(now));
            if (broadcast == null) {
                s.setNull(10, Types.BIGINT);
            } else {
                s.setLong(10, broadcast);
            }
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new MailingId(keys.getLong(1));
            }
        }
    }

    /** Rewrites a draft's text and audience; false when it is no longer a draft or scheduled. */
    public boolean update(Connection c, MailingId id, String subject, String markdown, Audience audience)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE mailing SET subject = ?, markdown = ?, audience_tags = ?, audience_postcodes = ?,
                    audience_joined = ?, audience_event = ?
                WHERE id = ? AND state IN ('draft', 'scheduled')
                """)) {
            s.setString(1, subject);
            s.setString(2, markdown);
            setAudience(s, 3, audience);
            s.setLong(7, id.value());
            return s.executeUpdate() == 1;
        }
    }

    private static void setAudience(PreparedStatement s, int from, Audience a) throws SQLException {
        s.setString(from, String.join(",", a.tags()));
        s.setString(from + 1, String.join(",", a.postcodes()));
        s.setTimestamp(from + 2, a.joinedSince() == null ? null : Timestamp.from(a.joinedSince()));
        s.setString(from + 3, a.event() == null ? null : a.event().value());
    }

    public Optional<Mailing> find(Connection c, MailingId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM mailing WHERE id = ?")) {
            s.setLong(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(mailing(rs)) : Optional.empty();
            }
        }
    }

    /** The newest mailings first. */
    public List<Mailing> recent(Connection c, int limit) throws SQLException {
        List<Mailing> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM mailing ORDER BY id DESC LIMIT ?")) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(mailing(rs));
                }
            }
        }
        return out;
    }

    /** The mailing relaying a broadcast, if the branch made one. */
    public Optional<Mailing> forBroadcast(Connection c, long broadcast) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM mailing WHERE broadcast_id = ?")) {
            s.setLong(1, broadcast);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(mailing(rs)) : Optional.empty();
            }
        }
    }

    /** Schedules a draft; false when it was not a draft or scheduled any more. */
    public boolean schedule(Connection c, MailingId id, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE mailing SET state = 'scheduled', send_at = ? WHERE id = ? AND state IN ('draft', 'scheduled')")) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setLong(2, id.value());
            return s.executeUpdate() == 1;
        }
    }

    /** Back to a draft (a scheduled mailing the organiser stops); false when it is already going. */
    public boolean unschedule(Connection c, MailingId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE mailing SET state = 'draft', send_at = NULL WHERE id = ? AND state = 'scheduled'")) {
            s.setLong(1, id.value());
            return s.executeUpdate() == 1;
        }
    }

    /** Scheduled mailings whose time has come, oldest first. */
    public List<MailingId> due(Connection c, Instant now, int limit) throws SQLException {
        List<MailingId> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM mailing WHERE state = 'scheduled' AND send_at <= ? ORDER BY send_at, id LIMIT ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new MailingId(rs.getLong(1)));
                }
            }
        }
        return out;
    }

    /** When the next scheduled mailing is due, if one is. */
    public Optional<Instant> nextScheduled(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT MIN(send_at) FROM mailing WHERE state = 'scheduled'");
                ResultSet rs = s.executeQuery()) {
            Timestamp t = rs.next() ? rs.getTimestamp(1) : null;
            return Optional.ofNullable(t).map(Timestamp::toInstant);
        }
    }

    /** How many members the audience reaches now, for the purpose. */
    public int count(Connection c, Consent.Purpose purpose, Audience audience) throws SQLException {
        Where w = where(purpose, audience);
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM member m WHERE " + w.sql())) {
            w.bind(s, 1);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Locks the mailing against a second queueing, queues one {@code mail_out} row for each member
     * the audience reaches now and marks the mailing as sending; returns how many were queued, or
     * empty when the mailing was already queued by someone else (a double click, two processes).
     */
    public Optional<Integer> queue(Connection c, Mailing m, Instant now) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(
                "UPDATE mailing SET state = 'sending', queued_at = ?, send_at = COALESCE(send_at, ?) "
                        + "WHERE id = ? AND state IN ('draft', 'scheduled')")) {
            lock.setTimestamp(1, Timestamp.from(now));
            lock.setTimestamp(2, Timestamp.from(now));
            lock.setLong(3, m.id().value());
            if (lock.executeUpdate() != 1) {
                return Optional.empty();
            }
        }
        Where w = where(m.purpose(), m.audience());
        int queued;
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO mail_out (mailing_id, member_id, kind, state, due_at) SELECT ?, m.id, ?, 'queued', ? "
                        + "FROM member m WHERE " + w.sql())) {
            s.setLong(1, m.id().value());
            s.setString(2, MailKind.MAILING.code());
            s.setTimestamp(3, Timestamp.from(now));
            w.bind(s, 4);
            queued = s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE mailing SET recipients = ? WHERE id = ?")) {
            s.setInt(1, queued);
            s.setLong(2, m.id().value());
            s.executeUpdate();
        }
        return Optional.of(queued);
    }

    /** Marks sending mailings with nothing left in the queue as sent. */
    public int finishSent(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE mailing SET state = 'sent' WHERE state = 'sending' "
                + "AND NOT EXISTS (SELECT 1 FROM mail_out o WHERE o.mailing_id = mailing.id AND o.state = 'queued')")) {
            return s.executeUpdate();
        }
    }

    public MailingProgress progress(Connection c, Mailing m) throws SQLException {
        int queued = 0;
        int sent = 0;
        int failed = 0;
        int unsubscribed = 0;
        try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*), "
                + "SUM(CASE WHEN unsubscribed THEN 1 ELSE 0 END) FROM mail_out WHERE mailing_id = ? GROUP BY state")) {
            s.setLong(1, m.id().value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    int n = rs.getInt(2);
                    unsubscribed += rs.getInt(3);
                    switch (rs.getString(1)) {
                        case "queued" -> queued += n;
                        case "sent" -> sent += n;
                        default -> failed += n;
                    }
                }
            }
        }
        return new MailingProgress(m.recipients(), queued, sent, failed, unsubscribed);
    }

    private static Mailing mailing(ResultSet rs) throws SQLException {
        Timestamp joined = rs.getTimestamp(7);
        String event = rs.getString(8);
        Timestamp sendAt = rs.getTimestamp(10);
        long by = rs.getLong(12);
        boolean noOne = rs.wasNull();
        long broadcast = rs.getLong(14);
        boolean own = rs.wasNull();
        return new Mailing(
                new MailingId(rs.getLong(1)),
                Consent.Purpose.fromCode(rs.getString(2)),
                rs.getString(3),
                rs.getString(4),
                new Audience(
                        split(rs.getString(5)),
                        split(rs.getString(6)),
                        joined == null ? null : joined.toInstant(),
                        event == null ? null : new EventId(event)),
                Mailing.State.fromCode(rs.getString(9)),
                sendAt == null ? null : sendAt.toInstant(),
                rs.getInt(11),
                noOne ? null : new MemberId(by),
                rs.getTimestamp(13).toInstant(),
                own ? null : broadcast);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }

    private record Where(String sql, List<Object> params) {
        void bind(PreparedStatement s, int from) throws SQLException {
            for (int i = 0; i < params.size(); i++) {
                s.setObject(from + i, params.get(i));
            }
        }
    }

    /**
     * Members who may get this mail: consent for the purpose stands (their latest record for it is
     * a grant), the address is one the member confirmed or an organiser entered or imported (a
     * self-join nobody confirmed may be someone else's address), and it has not bounced.
     */
    private static Where where(Consent.Purpose purpose, Audience a) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        clauses.add("m.mail_bounced_at IS NULL");
        clauses.add("(m.email_confirmed_at IS NOT NULL OR m.source <> 'join')");
        clauses.add("EXISTS (SELECT 1 FROM member_consent k WHERE k.member_id = m.id AND k.purpose = ? "
                + "AND k.granted = TRUE AND k.id = (SELECT MAX(k2.id) FROM member_consent k2 "
                + "WHERE k2.member_id = m.id AND k2.purpose = ?))");
        params.add(purpose.code());
        params.add(purpose.code());
        if (!a.tags().isEmpty()) {
            clauses.add("m.id IN (SELECT member_id FROM member_tag WHERE tag IN ("
                    + marks(a.tags().size()) + "))");
            params.addAll(a.tags());
        }
        if (!a.postcodes().isEmpty()) {
            List<String> likes = new ArrayList<>();
            for (String prefix : a.postcodes()) {
                likes.add("m.postcode LIKE ? ESCAPE '\\'");
                params.add(prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            }
            clauses.add("(" + String.join(" OR ", likes) + ")");
        }
        if (a.joinedSince() != null) {
            clauses.add("m.created_at >= ?");
            params.add(Timestamp.from(a.joinedSince()));
        }
        if (a.event() != null) {
            clauses.add("m.id IN (SELECT r.member_id FROM event_rsvp r WHERE r.event_id = ? "
                    + "AND r.member_id IS NOT NULL AND r.state IN ('accepted', 'pending'))");
            params.add(a.event().value());
        }
        return new Where(String.join(" AND ", clauses), params);
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
