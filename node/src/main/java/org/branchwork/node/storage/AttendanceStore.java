package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.branchwork.node.domain.EventAttended;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Rsvp;

/**
 * Check-in at the door, on the RSVP rows themselves: each tick sets or clears one row's
 * {@code checked_in_at}, and a walk-in is one new row, so ticks made at once by several organisers
 * never overwrite each other. Callers hold the event's row lock ({@link EventStore#lock}), as every
 * decision on its places does, so a walk-in and a capacity change are never decided on stale
 * counts. Also the events whose attended count is due to go out once they end.
 */
public final class AttendanceStore {

    /** One row of the door list: who, their RSVP, and whether they are checked in. */
    public record Entry(
            String rsvp,
            MemberId member,
            URI actor,
            String name,
            String email,
            Rsvp.State state,
            Instant checkedIn,
            boolean walkIn) {}

    /** Everyone on the event's list who has not withdrawn or been refused, walk-ins included, by name. */
    public List<Entry> list(Connection c, EventId event) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT r.id, r.member_id, r.actor, "
                + "COALESCE(m.display_name, r.actor_name), m.email, r.state, r.checked_in_at, r.walk_in "
                + "FROM event_rsvp r LEFT JOIN member m ON m.id = r.member_id "
                + "WHERE r.event_id = ? AND r.state IN ('accepted', 'pending', 'waitlisted') "
                + "ORDER BY LOWER(COALESCE(m.display_name, r.actor_name, '')), r.id")) {
            s.setString(1, event.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long member = rs.getLong(2);
                    MemberId memberId = rs.wasNull() ? null : new MemberId(member);
                    out.add(new Entry(
                            rs.getString(1),
                            memberId,
                            rs.getString(3) == null ? null : URI.create(rs.getString(3)),
                            rs.getString(4),
                            rs.getString(5),
                            Rsvp.State.fromCode(rs.getString(6)),
                            AnnouncementStore.instant(rs.getTimestamp(7)),
                            rs.getBoolean(8)));
                }
            }
        }
        return out;
    }

    /**
     * Checks the RSVP in: accepted (someone waiting or pending who is in the room has a place) and
     * ticked; a second tick keeps the first time. Returns the state it was in, or null when the
     * RSVP is not this event's.
     */
    public Rsvp.State checkIn(Connection c, EventId event, String rsvp, Instant now) throws SQLException {
        Rsvp.State before = stateOf(c, event, rsvp);
        if (before == null) {
            return null;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE event_rsvp SET state = 'accepted', "
                + "checked_in_at = COALESCE(checked_in_at, ?), updated_at = ? "
                + "WHERE id = ? AND event_id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, rsvp);
            s.setString(4, event.value());
            s.executeUpdate();
        }
        return before;
    }

    /**
     * Un-ticks the RSVP; a walk-in un-ticked was added by mistake and is withdrawn, so it counts
     * neither as a participant nor as a no-show. False when it was not checked in.
     */
    public boolean checkOut(Connection c, EventId event, String rsvp, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE event_rsvp SET checked_in_at = NULL, "
                + "state = CASE WHEN walk_in THEN 'withdrawn' ELSE state END, updated_at = ? "
                + "WHERE id = ? AND event_id = ? AND checked_in_at IS NOT NULL")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, rsvp);
            s.setString(3, event.value());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Adds someone who was not on the list, checked in: a member ({@code member}), a remote actor
     * ({@code actor}), or a person known only by {@code name}. Returns the new row's id.
     */
    public String walkIn(Connection c, EventId event, MemberId member, URI actor, String name, Instant now)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event_rsvp (id, event_id, member_id, actor, "
                + "actor_name, state, created_at, updated_at, checked_in_at, walk_in) "
                + "VALUES (?, ?, ?, ?, ?, 'accepted', ?, ?, ?, TRUE)")) {
            s.setString(1, id);
            s.setString(2, event.value());
            if (member == null) {
                s.setNull(3, Types.BIGINT);
            } else {
                s.setLong(3, member.value());
            }
            s.setString(4, actor == null ? null : actor.toString());
            s.setString(5, name);
            s.setTimestamp(6, Timestamp.from(now));
            s.setTimestamp(7, Timestamp.from(now));
            s.setTimestamp(8, Timestamp.from(now));
            s.executeUpdate();
        }
        return id;
    }

    /** The events the member was checked in at, latest first. */
    public List<EventAttended> attendedBy(Connection c, MemberId member) throws SQLException {
        List<EventAttended> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT e.id, e.name, e.start_time FROM event_rsvp r "
                + "JOIN event e ON e.id = r.event_id WHERE r.member_id = ? AND r.checked_in_at IS NOT NULL "
                + "AND r.state = 'accepted' AND e.deleted_at IS NULL ORDER BY e.start_time DESC, e.id")) {
            s.setLong(1, member.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventAttended(
                            new EventId(rs.getString(1)),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return out;
    }

    /** Events that ended by {@code now} whose attended count has not gone out, oldest first. */
    public List<EventId> dueReports(Connection c, Instant now, int limit) throws SQLException {
        List<EventId> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id FROM event WHERE attendance_reported_at IS NULL "
                + "AND end_time <= ? AND deleted_at IS NULL ORDER BY end_time, id LIMIT ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new EventId(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** Marks the event's attended count as gone out; false when it already had (another process). */
    public boolean reported(Connection c, EventId event, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE event SET attendance_reported_at = ? WHERE id = ? AND attendance_reported_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, event.value());
            return s.executeUpdate() == 1;
        }
    }

    private static Rsvp.State stateOf(Connection c, EventId event, String rsvp) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state FROM event_rsvp WHERE id = ? AND event_id = ?")) {
            s.setString(1, rsvp);
            s.setString(2, event.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Rsvp.State.fromCode(rs.getString(1)) : null;
            }
        }
    }
}
