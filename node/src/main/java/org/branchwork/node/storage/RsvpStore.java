package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Rsvp;

/** Persistence of RSVPs to the branch's events, local and remote. */
public final class RsvpStore {

    private static final String COLUMNS =
            "id, event_id, member_id, actor, actor_inbox, actor_name, join_id, state, created_at";

    public void insert(Connection c, Rsvp r, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event_rsvp (" + COLUMNS
                + ", updated_at, waitlist_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.id());
            s.setString(2, r.event().value());
            if (r.member() == null) {
                s.setNull(3, Types.BIGINT);
            } else {
                s.setLong(3, r.member().value());
            }
            s.setString(4, text(r.actor()));
            s.setString(5, text(r.actorInbox()));
            s.setString(6, r.actorName());
            s.setString(7, text(r.joinId()));
            s.setString(8, r.state().code());
            s.setTimestamp(9, Timestamp.from(r.created()));
            s.setTimestamp(10, Timestamp.from(now));
            if (r.state() == Rsvp.State.WAITLISTED) {
                s.setLong(11, nextInLine(c, r.event()));
            } else {
                s.setNull(11, Types.BIGINT);
            }
            s.executeUpdate();
        }
    }

    /** A new answer on an existing RSVP (a second Join after a Leave reuses the row, with its new Join id). */
    public void answer(Connection c, String id, Rsvp.State state, URI joinId, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE event_rsvp SET state = ?, join_id = COALESCE(?, join_id), updated_at = ? WHERE id = ?")) {
            s.setString(1, state.code());
            s.setString(2, text(joinId));
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, id);
            s.executeUpdate();
        }
    }

    /**
     * Puts an existing RSVP at the back of the event's waiting list (a second Join after a Leave,
     * an approval when the event is full), with its new Join id when it has one.
     */
    public void waitlist(Connection c, String id, URI joinId, Instant now) throws SQLException {
        Optional<Rsvp> r = find(c, id);
        if (r.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE event_rsvp SET state = 'waitlisted', "
                + "join_id = COALESCE(?, join_id), waitlist_order = ?, updated_at = ? WHERE id = ?")) {
            s.setString(1, text(joinId));
            s.setLong(2, nextInLine(c, r.get().event()));
            s.setTimestamp(3, Timestamp.from(now));
            s.setString(4, id);
            s.executeUpdate();
        }
    }

    /**
     * The next number in the event's line, one more than any it gave: read under the event's row
     * lock, which everyone who joins the line holds, so no two get the same.
     */
    private static long nextInLine(Connection c, EventId event) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT COALESCE(MAX(waitlist_order), 0) + 1 FROM event_rsvp WHERE event_id = ?")) {
            s.setString(1, event.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Gives the waitlisted RSVP {@code id} a place if, as this transaction sees it, the event has
     * one free: the check and the write are one guarded statement, never a count read earlier and
     * acted on later. Callers hold the event's row lock ({@link EventStore#lock}), which every
     * decision on its places takes first, so under MVCC no other transaction's uncommitted RSVP,
     * withdrawal or capacity change can be missed by the count. False when it is no longer
     * waiting or the event is full.
     */
    public boolean promote(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE event_rsvp SET state = 'accepted', updated_at = ? "
                + "WHERE id = ? AND state = 'waitlisted' "
                + "AND (SELECT COUNT(*) FROM event_rsvp a WHERE a.event_id = event_rsvp.event_id AND a.state = 'accepted') "
                + "< (SELECT COALESCE(e.capacity, 2147483647) FROM event e WHERE e.id = event_rsvp.event_id)")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Gives the waitlisted RSVP {@code id} a place whatever the capacity: an organiser's decision
     * by hand. False when it is not waiting (any more), so a double click promotes once.
     */
    public boolean promoteOverCapacity(Connection c, String id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE event_rsvp SET state = 'accepted', updated_at = ? WHERE id = ? AND state = 'waitlisted'")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /** The event's waiting list, first in line first. */
    public List<Rsvp> waiting(Connection c, EventId event, int limit) throws SQLException {
        List<Rsvp> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM event_rsvp "
                + "WHERE event_id = ? AND state = 'waitlisted' ORDER BY waitlist_order, id LIMIT ?")) {
            s.setString(1, event.value());
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** Where a waitlisted RSVP stands in line, from 1; 0 when it is not waiting. */
    public int position(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM event_rsvp a JOIN event_rsvp r "
                        + "ON a.event_id = r.event_id WHERE r.id = ? AND r.state = 'waitlisted' AND a.state = 'waitlisted' "
                        + "AND (a.waitlist_order < r.waitlist_order OR (a.waitlist_order = r.waitlist_order AND a.id <= r.id))")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    public Optional<Rsvp> ofMember(Connection c, EventId event, MemberId member) throws SQLException {
        return one(
                c,
                "SELECT " + COLUMNS + " FROM event_rsvp WHERE event_id = ? AND member_id = ?",
                event.value(),
                member.value());
    }

    public Optional<Rsvp> ofActor(Connection c, EventId event, URI actor) throws SQLException {
        return one(
                c,
                "SELECT " + COLUMNS + " FROM event_rsvp WHERE event_id = ? AND actor = ?",
                event.value(),
                actor.toString());
    }

    public Optional<Rsvp> find(Connection c, String id) throws SQLException {
        return one(c, "SELECT " + COLUMNS + " FROM event_rsvp WHERE id = ?", id);
    }

    /**
     * The event's counts as they stand in this transaction: accepted RSVPs against its capacity,
     * the waiting list, and those checked in. Locks nothing: callers deciding on places hold the event's row lock.
     */
    public EventCounts counts(Connection c, BranchEvent e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT "
                + "COALESCE(SUM(CASE WHEN state = 'accepted' THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN state = 'waitlisted' THEN 1 ELSE 0 END), 0), "
                + "COALESCE(SUM(CASE WHEN state = 'accepted' AND checked_in_at IS NOT NULL THEN 1 ELSE 0 END), 0) "
                + "FROM event_rsvp WHERE event_id = ? AND state IN ('accepted', 'waitlisted')")) {
            s.setString(1, e.id().value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return EventCounts.of(e, rs.getInt(1), rs.getInt(2), rs.getInt(3));
            }
        }
    }

    /** Accepted RSVPs: the participant count. */
    public int accepted(Connection c, EventId event) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT COUNT(*) FROM event_rsvp WHERE event_id = ? AND state = 'accepted'")) {
            s.setString(1, event.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Every RSVP to the event, oldest first. */
    public List<Rsvp> ofEvent(Connection c, EventId event) throws SQLException {
        List<Rsvp> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM event_rsvp WHERE event_id = ? ORDER BY created_at, id")) {
            s.setString(1, event.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    /** An accepted member's RSVP whose reminder is due: which RSVP, to which event. */
    public record DueReminder(String rsvp, EventId event) {}

    /**
     * Accepted RSVPs of local members to confirmed events starting in ({@code from}, {@code until}]
     * that have had no reminder, answered at least {@code notice} before the start (a member who
     * answered an hour ago has the confirmation in their inbox already), soonest events first.
     */
    public List<DueReminder> dueForReminder(Connection c, Instant from, Instant until, Duration notice, int limit)
            throws SQLException {
        List<DueReminder> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT r.id, r.event_id FROM event e "
                + "JOIN event_rsvp r ON r.event_id = e.id "
                + "WHERE e.deleted_at IS NULL AND e.status = 'CONFIRMED' AND e.start_time > ? AND e.start_time <= ? "
                + "AND r.state = 'accepted' AND r.member_id IS NOT NULL AND r.reminded_at IS NULL "
                + "AND r.updated_at <= e.start_time - CAST(? AS INTERVAL SECOND(9)) "
                + "ORDER BY e.start_time, e.id, r.created_at, r.id LIMIT ?")) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setTimestamp(2, Timestamp.from(until));
            s.setLong(3, notice.toSeconds());
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new DueReminder(rs.getString(1), new EventId(rs.getString(2))));
                }
            }
        }
        return out;
    }

    /**
     * Records that the RSVP's reminder is queued; false when it already was (another process, a
     * retry) or the RSVP is no longer accepted, so each member is reminded at most once.
     */
    public boolean reminded(Connection c, String rsvp, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE event_rsvp SET reminded_at = ? "
                + "WHERE id = ? AND reminded_at IS NULL AND state = 'accepted' AND member_id IS NOT NULL")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, rsvp);
            return s.executeUpdate() == 1;
        }
    }

    /** The events a member has an RSVP to (any state). */
    public List<EventId> eventsOf(Connection c, MemberId member) throws SQLException {
        List<EventId> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT event_id FROM event_rsvp WHERE member_id = ?")) {
            s.setLong(1, member.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventId(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** Deletes a member's RSVP to one event (erasure: their place is freed, and no row names them). */
    public boolean delete(Connection c, MemberId member, EventId event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM event_rsvp WHERE member_id = ? AND event_id = ?")) {
            s.setLong(1, member.value());
            s.setString(2, event.value());
            return s.executeUpdate() > 0;
        }
    }

    /** Unlinks an erased member from their RSVPs; the RSVPs still count. */
    public int anonymise(Connection c, MemberId member) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE event_rsvp SET member_id = NULL WHERE member_id = ?")) {
            s.setLong(1, member.value());
            return s.executeUpdate();
        }
    }

    private static Optional<Rsvp> one(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    private static Rsvp read(ResultSet rs) throws SQLException {
        long member = rs.getLong(3);
        MemberId memberId = rs.wasNull() ? null : new MemberId(member);
        return new Rsvp(
                rs.getString(1),
                new EventId(rs.getString(2)),
                memberId,
                uri(rs.getString(4)),
                uri(rs.getString(5)),
                rs.getString(6),
                uri(rs.getString(7)),
                Rsvp.State.fromCode(rs.getString(8)),
                rs.getTimestamp(9).toInstant());
    }

    private static URI uri(String s) {
        return s == null ? null : URI.create(s);
    }

    private static String text(URI u) {
        return u == null ? null : u.toString();
    }
}
