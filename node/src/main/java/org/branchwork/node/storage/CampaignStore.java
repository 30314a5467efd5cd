package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.CampaignStanding;
import org.branchwork.node.domain.EventCategory;

/**
 * The campaigns this node publishes, and what the network did with them: adoptions (from verified
 * Joins) and linked events (from their owners' signed Creates and Updates).
 */
public final class CampaignStore {

    private static final String COLUMNS = "id, title, summary, markdown, content, call_to_action, hashtag, suggested, "
            + "starts_on, ends_on, status, published, updated";

    public void insert(Connection c, Campaign k) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO campaign (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, k.id().value());
            bind(s, 2, k);
            s.executeUpdate();
        }
        writeParts(c, k);
    }

    public void update(Connection c, Campaign k) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE campaign SET title = ?, summary = ?, markdown = ?, content = ?, "
                        + "call_to_action = ?, hashtag = ?, suggested = ?, starts_on = ?, ends_on = ?, status = ?, published = ?, "
                        + "updated = ? WHERE id = ?")) {
            bind(s, 1, k);
            s.setString(13, k.id().value());
            s.executeUpdate();
        }
        for (String table : List.of("campaign_goal", "campaign_resource")) {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE campaign_id = ?")) {
                s.setString(1, k.id().value());
                s.executeUpdate();
            }
        }
        writeParts(c, k);
    }

    private static void bind(PreparedStatement s, int i, Campaign k) throws SQLException {
        s.setString(i++, k.title());
        s.setString(i++, k.summary());
        s.setString(i++, k.markdown());
        s.setString(i++, k.content());
        s.setString(i++, k.callToAction());
        s.setString(i++, k.hashtag());
        s.setString(
                i++,
                String.join(",", k.suggested().stream().map(EventCategory::code).toList()));
        s.setDate(i++, Date.valueOf(k.startsOn()));
        s.setDate(i++, Date.valueOf(k.endsOn()));
        s.setString(i++, k.ended() ? "ended" : "open");
        s.setTimestamp(i++, Timestamp.from(k.published()));
        s.setTimestamp(i, k.updated() == null ? null : Timestamp.from(k.updated()));
    }

    private static void writeParts(Connection c, Campaign k) throws SQLException {
        BatchInsert.each(
                c,
                "INSERT INTO campaign_goal (campaign_id, position, label, target, metric) VALUES (?, ?, ?, ?, ?)",
                k.goals(),
                (s, g, position) -> {
                    s.setString(1, k.id().value());
                    s.setInt(2, position);
                    s.setString(3, g.label());
                    s.setInt(4, g.target());
                    s.setString(5, g.metric().code());
                });
        BatchInsert.each(
                c,
                "INSERT INTO campaign_resource (campaign_id, position, name, url) VALUES (?, ?, ?, ?)",
                k.resources(),
                (s, r, position) -> {
                    s.setString(1, k.id().value());
                    s.setInt(2, position);
                    s.setString(3, r.name());
                    s.setString(4, r.url().toString());
                });
    }

    public Optional<Campaign> find(Connection c, CampaignId id) throws SQLException {
        List<Campaign> found = list(c, "SELECT " + COLUMNS + " FROM campaign WHERE id = ?", id.value());
        return found.stream().findFirst();
    }

    /** Every campaign, newest first. */
    public List<Campaign> all(Connection c) throws SQLException {
        return list(c, "SELECT " + COLUMNS + " FROM campaign ORDER BY published DESC, id");
    }

    private List<Campaign> list(Connection c, String sql, Object... params) throws SQLException {
        List<Campaign> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    CampaignId id = new CampaignId(rs.getString(1));
                    String suggested = rs.getString(8);
                    List<EventCategory> categories = suggested == null || suggested.isEmpty()
                            ? List.of()
                            : Arrays.stream(suggested.split(","))
                                    .map(EventCategory::fromCode)
                                    .flatMap(Optional::stream)
                                    .toList();
                    out.add(new Campaign(
                            id,
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            categories,
                            rs.getDate(9).toLocalDate(),
                            rs.getDate(10).toLocalDate(),
                            "ended".equals(rs.getString(11)),
                            goals(c, id),
                            resources(c, id),
                            rs.getTimestamp(12).toInstant(),
                            AnnouncementStore.instant(rs.getTimestamp(13))));
                }
            }
        }
        return out;
    }

    private static List<Campaign.Goal> goals(Connection c, CampaignId id) throws SQLException {
        List<Campaign.Goal> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT label, target, metric FROM campaign_goal WHERE campaign_id = ? ORDER BY position")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Campaign.Goal(
                            rs.getString(1),
                            rs.getInt(2),
                            Campaign.Metric.fromCode(rs.getString(3)).orElseThrow()));
                }
            }
        }
        return out;
    }

    private static List<Campaign.Resource> resources(Connection c, CampaignId id) throws SQLException {
        List<Campaign.Resource> out = new ArrayList<>();
        try (PreparedStatement s =
                c.prepareStatement("SELECT name, url FROM campaign_resource WHERE campaign_id = ? ORDER BY position")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Campaign.Resource(rs.getString(1), URI.create(rs.getString(2))));
                }
            }
        }
        return out;
    }

    // Adoptions.

    /** Records (or renews after a withdrawal) a branch's adoption; false when it was already adopted. */
    public boolean adopt(Connection c, CampaignId id, URI branch, String name, URI joinId, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE campaign_adoption SET withdrawn_at = NULL, join_id = ?, "
                        + "adopted_at = ?, branch_name = ? WHERE campaign_id = ? AND branch = ? AND withdrawn_at IS NOT NULL")) {
            s.setString(1, joinId.toString());
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, name);
            s.setString(4, id.value());
            s.setString(5, branch.toString());
            if (s.executeUpdate() > 0) {
                return true;
            }
        }
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO campaign_adoption (campaign_id, branch, branch_name, join_id, adopted_at)
                SELECT ?, ?, ?, ?, ? FROM (VALUES (0)) WHERE NOT EXISTS
                    (SELECT 1 FROM campaign_adoption WHERE campaign_id = ? AND branch = ?)
                """)) {
            s.setString(1, id.value());
            s.setString(2, branch.toString());
            s.setString(3, name);
            s.setString(4, joinId.toString());
            s.setTimestamp(5, Timestamp.from(now));
            s.setString(6, id.value());
            s.setString(7, branch.toString());
            return s.executeUpdate() > 0;
        }
    }

    /** A branch withdraws; false when it had not adopted the campaign. */
    public boolean withdraw(Connection c, CampaignId id, URI branch, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE campaign_adoption SET withdrawn_at = ? "
                + "WHERE campaign_id = ? AND branch = ? AND withdrawn_at IS NULL")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, id.value());
            s.setString(3, branch.toString());
            return s.executeUpdate() > 0;
        }
    }

    public boolean isAdopter(Connection c, CampaignId id, URI branch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT 1 FROM campaign_adoption WHERE campaign_id = ? AND branch = ? " + "AND withdrawn_at IS NULL")) {
            s.setString(1, id.value());
            s.setString(2, branch.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    public List<CampaignStanding.Adopter> adopters(Connection c, CampaignId id) throws SQLException {
        List<CampaignStanding.Adopter> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT branch, branch_name, adopted_at FROM campaign_adoption "
                + "WHERE campaign_id = ? AND withdrawn_at IS NULL ORDER BY adopted_at, branch")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new CampaignStanding.Adopter(
                            URI.create(rs.getString(1)),
                            rs.getString(2),
                            rs.getTimestamp(3).toInstant()));
                }
            }
        }
        return out;
    }

    // Linked events.

    /**
     * Stores the event as its owner's latest signed Create or Update described it; false (and
     * nothing changed) when the copy held is newer than this one.
     */
    public boolean saveEvent(Connection c, CampaignId id, CampaignStanding.LinkedEvent e, Instant now)
            throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT version FROM campaign_event WHERE event = ?")) {
            q.setString(1, e.event().toString());
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()
                        && rs.getTimestamp(1) != null
                        && e.version() != null
                        && rs.getTimestamp(1).toInstant().isAfter(e.version())) {
                    return false;
                }
            }
        }
        try (PreparedStatement d = c.prepareStatement("DELETE FROM campaign_event WHERE event = ?")) {
            d.setString(1, e.event().toString());
            d.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO campaign_event (event, campaign_id, branch, name, starts_at, "
                        + "participants, cancelled, updated_at, version, attended) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, e.event().toString());
            s.setString(2, id.value());
            s.setString(3, e.branch().toString());
            s.setString(4, e.name().length() > 500 ? e.name().substring(0, 500) : e.name());
            s.setTimestamp(5, Timestamp.from(e.startsAt()));
            s.setInt(6, e.participants());
            s.setBoolean(7, e.cancelled());
            s.setTimestamp(8, Timestamp.from(now));
            s.setTimestamp(9, e.version() == null ? null : Timestamp.from(e.version()));
            if (e.attended() == null) {
                s.setNull(10, java.sql.Types.INTEGER);
            } else {
                s.setInt(10, e.attended());
            }
            s.executeUpdate();
        }
        return true;
    }

    /** The branch that linked this event, if one did. */
    public Optional<URI> eventOwner(Connection c, URI event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT branch FROM campaign_event WHERE event = ?")) {
            s.setString(1, event.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(URI.create(rs.getString(1))) : Optional.empty();
            }
        }
    }

    public boolean deleteEvent(Connection c, URI event, URI branch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM campaign_event WHERE event = ? AND branch = ?")) {
            s.setString(1, event.toString());
            s.setString(2, branch.toString());
            return s.executeUpdate() > 0;
        }
    }

    /** Linked events of branches that still have the campaign adopted, by date. */
    public List<CampaignStanding.LinkedEvent> events(Connection c, CampaignId id) throws SQLException {
        List<CampaignStanding.LinkedEvent> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT e.event, e.branch, e.name, e.starts_at, e.participants, "
                        + "e.cancelled, e.version, e.attended FROM campaign_event e JOIN campaign_adoption a ON a.campaign_id = e.campaign_id "
                        + "AND a.branch = e.branch AND a.withdrawn_at IS NULL WHERE e.campaign_id = ? ORDER BY e.starts_at, e.event")) {
            s.setString(1, id.value());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new CampaignStanding.LinkedEvent(
                            URI.create(rs.getString(1)),
                            URI.create(rs.getString(2)),
                            rs.getString(3),
                            rs.getTimestamp(4).toInstant(),
                            rs.getInt(5),
                            rs.getObject(8) == null ? null : rs.getInt(8),
                            rs.getBoolean(6),
                            AnnouncementStore.instant(rs.getTimestamp(7))));
                }
            }
        }
        return out;
    }

    // Reports on goals that do not count themselves.

    /**
     * After the goals were edited: each report moves to its goal's new position ({@code moved}:
     * old to new), and reports on goals that went are dropped. Parked at negative positions first,
     * so that two goals swapping places do not collide.
     */
    public void moveReports(Connection c, CampaignId id, java.util.Map<Integer, Integer> moved) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE campaign_report SET position = ? WHERE campaign_id = ? AND position = ?")) {
            for (var m : moved.entrySet()) {
                s.setInt(1, -1 - m.getValue());
                s.setString(2, id.value());
                s.setInt(3, m.getKey());
                s.executeUpdate();
            }
        }
        for (String sql : List.of(
                "DELETE FROM campaign_report WHERE campaign_id = ? AND position >= 0",
                "UPDATE campaign_report SET position = -1 - position WHERE campaign_id = ?")) {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                s.setString(1, id.value());
                s.executeUpdate();
            }
        }
    }

    /** A branch's latest report on goal {@code position}, replacing its earlier one. */
    public void report(Connection c, CampaignId id, int position, URI branch, int amount, Instant now)
            throws SQLException {
        try (PreparedStatement d = c.prepareStatement(
                "DELETE FROM campaign_report WHERE campaign_id = ? AND position = ? AND branch = ?")) {
            d.setString(1, id.value());
            d.setInt(2, position);
            d.setString(3, branch.toString());
            d.executeUpdate();
        }
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO campaign_report (campaign_id, position, branch, amount, "
                        + "reported_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, id.value());
            s.setInt(2, position);
            s.setString(3, branch.toString());
            s.setInt(4, amount);
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** The sum of the latest reports on goal {@code position} by branches that still have the campaign adopted. */
    public int reported(Connection c, CampaignId id, int position) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(r.amount), 0) FROM campaign_report r "
                + "JOIN campaign_adoption a ON a.campaign_id = r.campaign_id AND a.branch = r.branch AND a.withdrawn_at IS NULL "
                + "WHERE r.campaign_id = ? AND r.position = ?")) {
            s.setString(1, id.value());
            s.setInt(2, position);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
