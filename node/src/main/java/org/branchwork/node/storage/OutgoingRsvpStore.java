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

import org.branchwork.node.domain.MemberId;

/** RSVPs the branch's members sent to other branches' events ({@code Join}s), and their answers. */
public final class OutgoingRsvpStore {

    /** One sent RSVP; {@code state} is pending, accepted, rejected or withdrawn. */
    public record OutgoingRsvp(URI joinId, MemberId member, URI event, URI eventOwner, String state) {}

    private static final String COLUMNS = "join_id, member_id, event, event_owner, state";

    /** Records a new Join, replacing an earlier one by the same member for the same event. */
    public void save(Connection c, OutgoingRsvp r, Instant now) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM outgoing_rsvp WHERE member_id = ? AND event = ?")) {
            d.setLong(1, r.member().value());
            d.setString(2, r.event().toString());
            d.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO outgoing_rsvp (" + COLUMNS + ", created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, r.joinId().toString());
            s.setLong(2, r.member().value());
            s.setString(3, r.event().toString());
            s.setString(4, r.eventOwner().toString());
            s.setString(5, r.state());
            s.setTimestamp(6, Timestamp.from(now));
            s.setTimestamp(7, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** Sets the answer to a Join, if it came from the event's owner; false when there is no such Join of theirs. */
    public boolean answer(Connection c, URI joinId, URI owner, String state, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE outgoing_rsvp SET state = ?, updated_at = ? WHERE join_id = ? AND event_owner = ?")) {
            s.setString(1, state);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, joinId.toString());
            s.setString(4, owner.toString());
            return s.executeUpdate() > 0;
        }
    }

    public Optional<OutgoingRsvp> of(Connection c, MemberId member, URI event) throws SQLException {
        List<OutgoingRsvp> found = list(
                c,
                "SELECT " + COLUMNS + " FROM outgoing_rsvp WHERE member_id = ? AND event = ?",
                member.value(),
                event.toString());
        return found.stream().findFirst();
    }

    public Optional<OutgoingRsvp> byJoin(Connection c, URI joinId) throws SQLException {
        return list(c, "SELECT " + COLUMNS + " FROM outgoing_rsvp WHERE join_id = ?", joinId.toString()).stream()
                .findFirst();
    }

    public List<OutgoingRsvp> ofMember(Connection c, MemberId member) throws SQLException {
        return list(
                c,
                "SELECT " + COLUMNS + " FROM outgoing_rsvp WHERE member_id = ? ORDER BY created_at DESC",
                member.value());
    }

    public int forget(Connection c, MemberId member) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM outgoing_rsvp WHERE member_id = ?")) {
            s.setLong(1, member.value());
            return s.executeUpdate();
        }
    }

    private static List<OutgoingRsvp> list(Connection c, String sql, Object... params) throws SQLException {
        List<OutgoingRsvp> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutgoingRsvp(
                            URI.create(rs.getString(1)),
                            new MemberId(rs.getLong(2)),
                            URI.create(rs.getString(3)),
                            URI.create(rs.getString(4)),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }
}
