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
import java.util.Locale;

/**
 * The delivery queue table: enqueue in the caller's transaction, claim due rows (in
 * {@code delivery_claim}, with a lease), record outcomes (each gives the claim up).
 */
public final class DeliveryStore {

    /** A queued delivery; {@code signAs} is null for the branch, else the handle of the member actor that signs it. */
    public record Delivery(
            long id, URI inbox, String host, String activityId, String body, int attempts, String signAs) {}

    /** Queue counts, for the admin view and tests; {@code failing} are pending rows that failed at least once. */
    public record Counts(long pending, long failing, long delivered, long dead) {}

    /** Queues a delivery signed by the branch. */
    public void enqueue(Connection c, URI inbox, String activityId, String body, Instant now) throws SQLException {
        enqueue(c, inbox, activityId, body, now, null);
    }

    /** Queues a delivery signed by the branch ({@code signAs} null) or by a member's public actor. */
    public void enqueue(Connection c, URI inbox, String activityId, String body, Instant now, String signAs)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                INSERT INTO delivery (inbox, host, activity_id, body, attempts, next_attempt_at, state, created_at, sign_as)
                VALUES (?, ?, ?, ?, 0, ?, 'pending', ?, ?)
                """)) {
            s.setString(7, signAs);
            s.setString(1, inbox.toString());
            s.setString(2, hostOf(inbox));
            s.setString(3, activityId);
            s.setString(4, body);
            s.setTimestamp(5, Timestamp.from(now));
            s.setTimestamp(6, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /**
     * Pending deliveries due and free, oldest first. The ORDER BY names the (state,
     * next_attempt_at) index's columns from its first: ordered by next_attempt_at alone, HSQLDB
     * sorted every pending row on each claim (200 ms a claim at 100,000 pending, 2.5 ms now).
     */
    static final String DUE = """
            SELECT d.id, d.inbox, d.host, d.activity_id, d.body, d.attempts, d.sign_as FROM delivery d
            LEFT JOIN delivery_claim k ON k.delivery_id = d.id
            WHERE d.state = 'pending' AND d.next_attempt_at <= ? AND (k.delivery_id IS NULL OR k.lease_until <= ?)
            ORDER BY d.state, d.next_attempt_at LIMIT ?
            """;

    /**
     * Claims up to {@code limit} pending deliveries due by {@code now} that nobody holds (or whose
     * holder's lease ran out), oldest first, for {@code token} until {@code leaseUntil}. Only what
     * this returns may be sent; each outcome method gives the claim up.
     */
    public List<Delivery> claimDue(Connection c, Instant now, int limit, String token, Instant leaseUntil)
            throws SQLException {
        List<Delivery> due = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(DUE)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setTimestamp(2, Timestamp.from(now));
            s.setInt(3, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    due.add(new Delivery(
                            rs.getLong(1),
                            URI.create(rs.getString(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getString(7)));
                }
            }
        }
        List<Delivery> claimed = new ArrayList<>();
        try (PreparedStatement expired = c.prepareStatement(
                        "UPDATE delivery_claim SET token = ?, lease_until = ? WHERE delivery_id = ? AND lease_until <= ?");
                PreparedStatement fresh = c.prepareStatement("""
                INSERT INTO delivery_claim (delivery_id, token, lease_until)
                SELECT id, ?, ? FROM delivery WHERE id = ? AND state = 'pending'
                AND NOT EXISTS (SELECT 1 FROM delivery_claim WHERE delivery_id = ?)
                """)) {
            for (Delivery d : due) {
                expired.setString(1, token);
                expired.setTimestamp(2, Timestamp.from(leaseUntil));
                expired.setLong(3, d.id());
                expired.setTimestamp(4, Timestamp.from(now));
                boolean taken = expired.executeUpdate() == 1;
                if (!taken) {
                    fresh.setString(1, token);
                    fresh.setTimestamp(2, Timestamp.from(leaseUntil));
                    fresh.setLong(3, d.id());
                    fresh.setLong(4, d.id());
                    taken = fresh.executeUpdate() == 1;
                }
                if (taken) {
                    claimed.add(d);
                }
            }
        }
        return claimed;
    }

    /** Extends this holder's claim; false when the claim is no longer {@code token}'s. */
    public boolean extendClaim(Connection c, long id, String token, Instant leaseUntil) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("UPDATE delivery_claim SET lease_until = ? WHERE delivery_id = ? AND token = ?")) {
            s.setTimestamp(1, Timestamp.from(leaseUntil));
            s.setLong(2, id);
            s.setString(3, token);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Gives up every claim. Only for a database that one process alone can open (the embedded
     * one): claims found at its start are a crashed predecessor's.
     */
    public int releaseAllClaims(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM delivery_claim")) {
            return s.executeUpdate();
        }
    }

    private static void release(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM delivery_claim WHERE delivery_id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
    }

    /**
     * When the next pending delivery is due, if any: a claimed one counts from the end of its
     * lease (its holder is on it), so a queue with deliveries in flight is not polled in a loop.
     */
    public java.util.Optional<Instant> nextDue(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT MIN(CASE WHEN k.lease_until > d.next_attempt_at THEN k.lease_until ELSE d.next_attempt_at END)
                FROM delivery d LEFT JOIN delivery_claim k ON k.delivery_id = d.id WHERE d.state = 'pending'
                """);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? java.util.Optional.empty() : java.util.Optional.of(t.toInstant());
        }
    }

    /** How many pending deliveries are due by {@code now}, those being sent included (a claim leaves the due time as it was). */
    public long dueBy(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT COUNT(*) FROM delivery WHERE state = 'pending' AND next_attempt_at <= ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public void delivered(Connection c, long id, Instant now) throws SQLException {
        release(c, id);
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE delivery SET state = 'delivered', attempts = attempts + 1, finished_at = ?, last_error = NULL WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    public void retryAt(Connection c, long id, Instant next, String error) throws SQLException {
        release(c, id);
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE delivery SET attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(next));
            s.setString(2, truncate(error));
            s.setLong(3, id);
            s.executeUpdate();
        }
    }

    public void dead(Connection c, long id, String error, Instant now) throws SQLException {
        release(c, id);
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE delivery SET state = 'dead', attempts = attempts + 1, last_error = ?, finished_at = ? WHERE id = ?")) {
            s.setString(1, truncate(error));
            s.setTimestamp(2, Timestamp.from(now));
            s.setLong(3, id);
            s.executeUpdate();
        }
    }

    /** Puts dead letters back in the queue, due now. */
    public int requeueDead(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = ?, finished_at = NULL WHERE state = 'dead'")) {
            s.setTimestamp(1, Timestamp.from(now));
            return s.executeUpdate();
        }
    }

    /** Puts one dead letter back in the queue, due now; false when there is no such dead letter. */
    public boolean requeueDead(Connection c, long id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                UPDATE delivery SET state = 'pending', attempts = 0, next_attempt_at = ?, finished_at = NULL
                WHERE state = 'dead' AND id = ?
                """)) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Moves a delivery to {@code when} without counting an attempt (its host is unavailable). */
    public void postpone(Connection c, long id, Instant when) throws SQLException {
        release(c, id);
        try (PreparedStatement s = c.prepareStatement("UPDATE delivery SET next_attempt_at = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(when));
            s.setLong(2, id);
            s.executeUpdate();
        }
    }

    /** Makes every pending delivery to {@code host} due now (the host answers again). */
    public int releaseHost(Connection c, String host, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE delivery SET next_attempt_at = ? WHERE state = 'pending' AND host = ? AND next_attempt_at > ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, host);
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate();
        }
    }

    /** A dead letter as the admin sees it. */
    public record DeadLetter(long id, URI inbox, String activityId, int attempts, String error, Instant finishedAt) {}

    /** The newest dead letters first. */
    public List<DeadLetter> deadLetters(Connection c, int limit) throws SQLException {
        List<DeadLetter> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT id, inbox, activity_id, attempts, last_error, finished_at FROM delivery
                WHERE state = 'dead' ORDER BY finished_at DESC, id DESC LIMIT ?
                """)) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeadLetter(
                            rs.getLong(1),
                            URI.create(rs.getString(2)),
                            rs.getString(3),
                            rs.getInt(4),
                            rs.getString(5),
                            rs.getTimestamp(6).toInstant()));
                }
            }
        }
        return out;
    }

    /** Pending deliveries for one host; {@code failing} have failed at least once. */
    public record HostQueue(String host, long pending, long failing) {}

    /** Pending deliveries per host, the most first. */
    public List<HostQueue> pendingByHost(Connection c, int limit) throws SQLException {
        List<HostQueue> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("""
                SELECT host, COUNT(*), SUM(CASE WHEN attempts > 0 THEN 1 ELSE 0 END) FROM delivery
                WHERE state = 'pending' GROUP BY host ORDER BY COUNT(*) DESC, host LIMIT ?
                """)) {
            s.setInt(1, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(new HostQueue(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    public Counts counts(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT COALESCE(SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN state = 'pending' AND attempts > 0 THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN state = 'delivered' THEN 1 ELSE 0 END), 0),
                       COALESCE(SUM(CASE WHEN state = 'dead' THEN 1 ELSE 0 END), 0)
                FROM delivery
                """);
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return new Counts(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
        }
    }

    /** The key deliveries are grouped by per peer: host, and port when one is given. */
    public static String hostOf(URI inbox) {
        String host = inbox.getHost() == null ? "" : inbox.getHost().toLowerCase(Locale.ROOT);
        return inbox.getPort() == -1 ? host : host + ":" + inbox.getPort();
    }

    private static String truncate(String s) {
        return s == null ? null : (s.length() > 1000 ? s.substring(0, 1000) : s);
    }
}
