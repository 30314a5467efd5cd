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

/** The {@code peer_host} table: per-host signature style and delivery health. */
public final class PeerHostStore {

    /** One peer host as the delivery queue sees it. */
    public record PeerHost(
            String host,
            boolean cavageFirst,
            Optional<Instant> failingSince,
            Optional<String> lastError,
            Optional<Instant> unavailableSince,
            Optional<Instant> nextProbeAt) {

        public static PeerHost healthy(String host) {
            return new PeerHost(host, false, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        }

        public boolean unavailable() {
            return unavailableSince.isPresent();
        }
    }

    public List<PeerHost> all(Connection c) throws SQLException {
        List<PeerHost> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT host, cavage_first, failing_since, last_error, unavailable_since, next_probe_at
                FROM peer_host ORDER BY host
                """);
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.add(new PeerHost(
                        rs.getString(1),
                        rs.getBoolean(2),
                        instant(rs, 3),
                        Optional.ofNullable(rs.getString(4)),
                        instant(rs, 5),
                        instant(rs, 6)));
            }
        }
        return out;
    }

    public void save(Connection c, PeerHost h) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                MERGE INTO peer_host p USING (VALUES (CAST(? AS VARCHAR(300)))) AS v(host) ON p.host = v.host
                WHEN MATCHED THEN UPDATE SET cavage_first = ?, failing_since = ?, last_error = ?, unavailable_since = ?,
                                             next_probe_at = ?
                WHEN NOT MATCHED THEN INSERT (host, cavage_first, failing_since, last_error, unavailable_since, next_probe_at)
                                      VALUES (v.host, ?, ?, ?, ?, ?)
                """)) {
            s.setString(1, h.host());
            for (int offset : new int[] {2, 7}) {
                s.setBoolean(offset, h.cavageFirst());
                s.setTimestamp(offset + 1, timestamp(h.failingSince()));
                s.setString(
                        offset + 2,
                        h.lastError()
                                .map(e -> e.length() > 1000 ? e.substring(0, 1000) : e)
                                .orElse(null));
                s.setTimestamp(offset + 3, timestamp(h.unavailableSince()));
                s.setTimestamp(offset + 4, timestamp(h.nextProbeAt()));
            }
            s.executeUpdate();
        }
    }

    private static Timestamp timestamp(Optional<Instant> t) {
        return t.map(Timestamp::from).orElse(null);
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? Optional.empty() : Optional.of(t.toInstant());
    }
}
