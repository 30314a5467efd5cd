package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.branchwork.node.domain.EventId;

/**
 * Votes on the events' RSVP polls (fediverse actors' {@code Create(Note)}s), kept so that the
 * answer to a vote embeds the vote, and to count the poll's "Not going". A vote id is kept once.
 */
public final class PollVoteStore {

    /** One vote: the {@code Create}'s id, the {@code Note}'s (null when it had none), whose, which way. */
    public record Vote(URI voteId, EventId event, URI actor, URI noteId, boolean going) {}

    /** Keeps the vote; false when its id was kept already. */
    public boolean record(Connection c, Vote v, Instant now) throws SQLException {
        if (find(c, v.voteId()).isPresent()) {
            return false;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event_poll_vote "
                + "(vote_id, event_id, actor, note_id, going, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, v.voteId().toString());
            s.setString(2, v.event().value());
            s.setString(3, v.actor().toString());
            s.setString(4, v.noteId() == null ? null : v.noteId().toString());
            s.setBoolean(5, v.going());
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        }
        return true;
    }

    /** The vote a {@code Create} id names, if that RSVP came by the poll. */
    public Optional<Vote> find(Connection c, URI voteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT vote_id, event_id, actor, note_id, going FROM event_poll_vote WHERE vote_id = ?")) {
            s.setString(1, voteId.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String note = rs.getString(4);
                return Optional.of(new Vote(
                        URI.create(rs.getString(1)),
                        new EventId(rs.getString(2)),
                        URI.create(rs.getString(3)),
                        note == null ? null : URI.create(note),
                        rs.getBoolean(5)));
            }
        }
    }

    /** Events whose poll is still open on the wire but whose start has come (not deleted, not cancelled), soonest first. */
    public java.util.List<EventId> pollsToClose(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id FROM event WHERE poll_closed_at IS NULL"
                        + " AND start_time <= ? AND deleted_at IS NULL AND status <> 'CANCELLED' ORDER BY start_time LIMIT ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                java.util.List<EventId> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(new EventId(rs.getString(1)));
                }
                return out;
            }
        }
    }

    /** Marks the event's poll closed on the wire; false when it was already (so the close goes once). */
    public boolean pollClosed(Connection c, EventId event, Instant now) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE event SET poll_closed_at = ? WHERE id = ? AND poll_closed_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, event.value());
            return s.executeUpdate() == 1;
        }
    }

    /** How many actors' latest vote on the event's poll is "Not going". */
    public long notGoing(Connection c, EventId event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(DISTINCT v.actor) FROM event_poll_vote v"
                + " WHERE v.event_id = ? AND v.going = FALSE AND NOT EXISTS (SELECT 1 FROM event_poll_vote w"
                + " WHERE w.event_id = v.event_id AND w.actor = v.actor AND w.created_at > v.created_at)")) {
            s.setString(1, event.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
