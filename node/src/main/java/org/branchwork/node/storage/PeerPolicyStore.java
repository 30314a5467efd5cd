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

/** Blocked domains and actors, allowed domains, and the federation mode setting. */
public final class PeerPolicyStore {

    /** The three lists; each holds one value column. */
    public enum PolicyList {
        DOMAIN_BLOCK("domain_block", "domain"),
        ACTOR_BLOCK("actor_block", "actor"),
        ALLOWED_DOMAIN("allowed_domain", "domain");

        private final String table;
        private final String column;

        PolicyList(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }

    public List<String> list(Connection c, PolicyList list) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + list.column + " FROM " + list.table + " ORDER BY 1");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Adds a value; false when it was already there. */
    public boolean add(Connection c, PolicyList list, String value, Instant now) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO " + list.table + " (" + list.column + ", created_at) "
                        + "SELECT CAST(? AS VARCHAR(2048)), CAST(? AS TIMESTAMP WITH TIME ZONE) FROM (VALUES (0)) "
                        + "WHERE NOT EXISTS (SELECT 1 FROM " + list.table + " WHERE " + list.column + " = ?)")) {
            s.setString(1, value);
            s.setTimestamp(2, Timestamp.from(now));
            s.setString(3, value);
            return s.executeUpdate() > 0;
        }
    }

    public boolean remove(Connection c, PolicyList list, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + list.table + " WHERE " + list.column + " = ?")) {
            s.setString(1, value);
            return s.executeUpdate() > 0;
        }
    }

    public Optional<String> setting(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT value FROM node_setting WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    public void setSetting(Connection c, String name, String value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                MERGE INTO node_setting n USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(1000)))) AS v(name, value)
                ON n.name = v.name WHEN MATCHED THEN UPDATE SET n.value = v.value
                WHEN NOT MATCHED THEN INSERT VALUES (v.name, v.value)
                """)) {
            s.setString(1, name);
            s.setString(2, value);
            s.executeUpdate();
        }
    }
}
