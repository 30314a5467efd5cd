package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCategory;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.EventPlace;
import org.branchwork.node.domain.JoinMode;

/** Persistence of the branch's events. */
public final class EventStore {

    private static final String COLUMNS = "id, name, markdown, content, start_time, end_time, timezone, place_name, "
            + "place_address, latitude, longitude, online_url, capacity, join_mode, category, campaign, status, published, "
            + "updated, deleted_at";

    public void insert(Connection c, BranchEvent e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO event (" + COLUMNS + ") VALUES "
                + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, e.id().value());
            bind(s, 2, e);
            s.executeUpdate();
        }
    }

    public void update(Connection c, BranchEvent e) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE event SET name = ?, markdown = ?, content = ?, start_time = ?, "
                        + "end_time = ?, timezone = ?, place_name = ?, place_address = ?, latitude = ?, longitude = ?, online_url = ?, "
                        + "capacity = ?, join_mode = ?, category = ?, campaign = ?, status = ?, published = ?, updated = ?, "
                        + "deleted_at = ? WHERE id = ?")) {
            bind(s, 1, e);
            s.setString(20, e.id().value());
            s.executeUpdate();
        }
    }

    /** Binds every column but the id, from {@code first} on. */
    private static void bind(PreparedStatement s, int first, BranchEvent e) throws SQLException {
        int i = first;
        s.setString(i++, e.name());
        s.setString(i++, e.markdown());
        s.setString(i++, e.content());
        s.setTimestamp(i++, Timestamp.from(e.start()));
        s.setTimestamp(i++, Timestamp.from(e.end()));
        s.setString(i++, e.zone().getId());
        EventPlace p = e.place();
        s.setString(i++, p == null ? null : p.name());
        s.setString(i++, p == null ? null : p.address());
        setDouble(s, i++, p == null ? null : p.latitude());
        setDouble(s, i++, p == null ? null : p.longitude());
        s.setString(i++, e.onlineUrl() == null ? null : e.onlineUrl().toString());
        if (e.capacity() == null) {
            s.setNull(i++, Types.INTEGER);
        } else {
            s.setInt(i++, e.capacity());
        }
        s.setString(i++, e.joinMode().code());
        s.setString(i++, e.category().code());
        s.setString(i++, e.campaign() == null ? null : e.campaign().toString());
        s.setString(i++, e.cancelled() ? "CANCELLED" : "CONFIRMED");
        s.setTimestamp(i++, Timestamp.from(e.published()));
        s.setTimestamp(i++, e.updated() == null ? null : Timestamp.from(e.updated()));
        s.setTimestamp(i, e.deleted() == null ? null : Timestamp.from(e.deleted()));
    }

    private static void setDouble(PreparedStatement s, int i, Double d) throws SQLException {
        if (d == null) {
            s.setNull(i, Types.DOUBLE);
        } else {
            s.setDouble(i, d);
        }
    }

    /**
     * Takes the event's row lock until the transaction ends (a no-op update), so that decisions on
     * its places are made one at a time, on any database.
     */
    public void lock(Connection c, EventId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE event SET join_mode = join_mode WHERE id = ?")) {
            s.setString(1, id.value());
            s.executeUpdate();
        }
    }

    /** Takes the event's row lock, then reads it; empty when there is none or it was deleted. */
    public Optional<BranchEvent> lockedLive(Connection c, EventId id) throws SQLException {
        lock(c, id);
        return find(c, id).filter(e -> !e.isDeleted());
    }

    /** Records why the event was cancelled (the latest words stand). */
    public void saveCancellation(Connection c, EventId id, String reason, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                MERGE INTO event_cancellation x USING (VALUES (CAST(? AS VARCHAR(36)), CAST(? AS VARCHAR(1000)),
                        CAST(? AS TIMESTAMP WITH TIME ZONE))) AS v(event_id, reason, cancelled_at) ON x.event_id = v.event_id
                WHEN MATCHED THEN UPDATE SET x.reason = v.reason, x.cancelled_at = v.cancelled_at
                WHEN NOT MATCHED THEN INSERT VALUES (v.event_id, v.reason, v.cancelled_at)
                """)) {
            s.setString(1, id.value());
            s.setString(2, reason);
            s.setTimestamp(3, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    /** Why the event was cancelled, when an organiser said. */
    public Optional<String> cancellationReason(Connection c, EventId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT reason FROM event_cancellation WHERE event_id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public Optional<BranchEvent> find(Connection c, EventId id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM event WHERE id = ?")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /** Events not deleted that end after {@code from}, soonest first. */
    public List<BranchEvent> upcoming(Connection c, Instant from, int offset, int limit) throws SQLException {
        return list(
                c,
                "SELECT " + COLUMNS + " FROM event WHERE deleted_at IS NULL AND end_time >= ? "
                        + "ORDER BY start_time, id LIMIT ? OFFSET ?",
                from,
                limit,
                offset);
    }

    /** Events not deleted that started since {@code from} or later, for calendars (past ones within reach). */
    public List<BranchEvent> since(Connection c, Instant from, int limit) throws SQLException {
        return list(
                c,
                "SELECT " + COLUMNS + " FROM event WHERE deleted_at IS NULL AND start_time >= ? "
                        + "ORDER BY start_time, id LIMIT ? OFFSET ?",
                from,
                limit,
                0);
    }

    /** Events not deleted that belong to a campaign, by date. */
    public List<BranchEvent> ofCampaign(Connection c, java.net.URI campaign) throws SQLException {
        List<BranchEvent> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS
                + " FROM event WHERE deleted_at IS NULL AND campaign = ? ORDER BY start_time, id")) {
            s.setString(1, campaign.toString());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    private static List<BranchEvent> list(Connection c, String sql, Instant from, int limit, int offset)
            throws SQLException {
        List<BranchEvent> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setTimestamp(1, Timestamp.from(from));
            s.setInt(2, limit);
            s.setInt(3, offset);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs));
                }
            }
        }
        return out;
    }

    private static BranchEvent read(ResultSet rs) throws SQLException {
        String placeName = rs.getString(8);
        String address = rs.getString(9);
        Double lat = (Double) rs.getObject(10);
        Double lon = (Double) rs.getObject(11);
        EventPlace place = placeName == null && address == null ? null : new EventPlace(placeName, address, lat, lon);
        String online = rs.getString(12);
        Integer capacity = (Integer) rs.getObject(13);
        String campaign = rs.getString(16);
        return new BranchEvent(
                new EventId(rs.getString(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getTimestamp(5).toInstant(),
                rs.getTimestamp(6).toInstant(),
                ZoneId.of(rs.getString(7)),
                place,
                online == null ? null : URI.create(online),
                capacity,
                JoinMode.fromCode(rs.getString(14)).orElseThrow(),
                EventCategory.fromCode(rs.getString(15)).orElseThrow(),
                campaign == null ? null : URI.create(campaign),
                "CANCELLED".equals(rs.getString(17)),
                rs.getTimestamp(18).toInstant(),
                AnnouncementStore.instant(rs.getTimestamp(19)),
                AnnouncementStore.instant(rs.getTimestamp(20)));
    }
}
