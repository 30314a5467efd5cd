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

/** Campaigns of other nodes that this branch adopted. */
public final class AdoptedCampaignStore {

    /** One adoption; {@code state} is adopted or withdrawn. */
    public record Adopted(URI campaign, URI owner, URI ownerInbox, URI joinId, String state) {
        public boolean active() {
            return state.equals("adopted");
        }
    }

    private static final String COLUMNS = "campaign, owner, owner_inbox, join_id, state";

    public void save(Connection c, Adopted a, Instant now) throws SQLException {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM adopted_campaign WHERE campaign = ?")) {
            d.setString(1, a.campaign().toString());
            d.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO adopted_campaign (" + COLUMNS
                + ", adopted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, a.campaign().toString());
            s.setString(2, a.owner().toString());
            s.setString(3, a.ownerInbox().toString());
            s.setString(4, a.joinId().toString());
            s.setString(5, a.state());
            s.setTimestamp(6, Timestamp.from(now));
            s.setTimestamp(7, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    public Optional<Adopted> find(Connection c, URI campaign) throws SQLException {
        return list(c, "SELECT " + COLUMNS + " FROM adopted_campaign WHERE campaign = ?", campaign.toString()).stream()
                .findFirst();
    }

    public List<Adopted> all(Connection c) throws SQLException {
        return list(c, "SELECT " + COLUMNS + " FROM adopted_campaign ORDER BY adopted_at DESC");
    }

    private static List<Adopted> list(Connection c, String sql, Object... params) throws SQLException {
        List<Adopted> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new Adopted(
                            URI.create(rs.getString(1)),
                            URI.create(rs.getString(2)),
                            URI.create(rs.getString(3)),
                            URI.create(rs.getString(4)),
                            rs.getString(5)));
                }
            }
        }
        return out;
    }
}
