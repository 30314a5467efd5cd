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

/** Content received from followed actors, with its owner, so that only the owner may change it. */
public final class RemoteObjectStore {

    /** A stored object; {@code deleted} once its owner deleted it. */
    public record RemoteObject(URI id, String type, URI attributedTo, String body, boolean deleted) {}

    /** What the feed shows of an object, read off its body once when it is stored; {@code safeHtml} is sanitised. */
    public record Shown(String name, String safeHtml, Instant startsAt, URI url) {}

    /**
     * A feed entry: a stored object as shown, with who it is from, when it arrived, and whether it
     * was addressed to the public (only those appear on pages anyone may open).
     */
    public record FeedItem(URI id, String type, URI attributedTo, Shown shown, Instant receivedAt, boolean isPublic) {}

    /**
     * Stores or replaces the object; {@code signedBody} is the object exactly as received when it
     * carried its owner's valid proof (null otherwise), kept for relaying; {@code version} is the
     * owner's time of this copy. False, and nothing changed, when the copy held is newer.
     */
    public boolean save(
            Connection c,
            URI id,
            String type,
            URI attributedTo,
            String body,
            Shown shown,
            String signedBody,
            Instant version,
            boolean publicAudience,
            Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                MERGE INTO remote_object o USING (VALUES (CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(64)),
                        CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(1048576)), CAST(? AS TIMESTAMP WITH TIME ZONE),
                        CAST(? AS VARCHAR(500)), CAST(? AS VARCHAR(1048576)), CAST(? AS TIMESTAMP WITH TIME ZONE),
                        CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(1048576)), CAST(? AS TIMESTAMP WITH TIME ZONE),
                        CAST(? AS BOOLEAN)))
                    AS v(id, type, attributed_to, body, changed_at, name, safe_html, starts_at, url, signed_body, version,
                        public_audience)
                    ON o.id = v.id
                WHEN MATCHED AND (o.version IS NULL OR v.version IS NULL OR v.version >= o.version) THEN UPDATE SET o.type = v.type, o.body = v.body, o.updated_at = v.changed_at, o.deleted_at = NULL,
                    o.name = v.name, o.safe_html = v.safe_html, o.starts_at = v.starts_at, o.url = v.url,
                    o.signed_body = v.signed_body, o.version = v.version, o.public_audience = v.public_audience
                WHEN NOT MATCHED THEN INSERT (id, type, attributed_to, body, received_at, updated_at, deleted_at, name,
                    safe_html, starts_at, url, signed_body, version, public_audience)
                    VALUES (v.id, v.type, v.attributed_to, v.body, v.changed_at, v.changed_at, NULL, v.name, v.safe_html,
                    v.starts_at, v.url, v.signed_body, v.version, v.public_audience)
                """)) {
            s.setString(1, id.toString());
            s.setString(2, type);
            s.setString(3, attributedTo.toString());
            s.setString(4, body);
            s.setTimestamp(5, Timestamp.from(now));
            s.setString(
                    6,
                    shown.name() == null
                            ? null
                            : shown.name()
                                    .substring(0, Math.min(500, shown.name().length())));
            s.setString(7, shown.safeHtml());
            s.setTimestamp(8, shown.startsAt() == null ? null : Timestamp.from(shown.startsAt()));
            s.setString(9, shown.url() == null ? null : shown.url().toString());
            s.setString(10, signedBody);
            s.setTimestamp(11, version == null ? null : Timestamp.from(version));
            s.setBoolean(12, publicAudience);
            return s.executeUpdate() > 0;
        }
    }

    /** The object as its owner signed it, if it came with a valid proof. */
    public Optional<String> signedBody(Connection c, URI id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT signed_body FROM remote_object WHERE id = ?")) {
            s.setString(1, id.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** Objects of a kind (e.g. {@code Campaign}), not deleted, newest first. */
    public List<FeedItem> ofType(Connection c, String type, int limit) throws SQLException {
        List<FeedItem> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, type, attributed_to, name, safe_html, starts_at, url, "
                        + "received_at, public_audience FROM remote_object WHERE deleted_at IS NULL AND type = ? ORDER BY received_at DESC, id LIMIT ?")) {
            s.setString(1, type);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(feedItem(rs));
                }
            }
        }
        return out;
    }

    /** One object as the feed shows it, unless it was deleted. */
    public Optional<FeedItem> feedItem(Connection c, URI id) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT id, type, attributed_to, name, safe_html, starts_at, url, "
                        + "received_at, public_audience FROM remote_object WHERE id = ? AND deleted_at IS NULL")) {
            s.setString(1, id.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(feedItem(rs)) : Optional.empty();
            }
        }
    }

    private static FeedItem feedItem(ResultSet rs) throws SQLException {
        Timestamp starts = rs.getTimestamp(6);
        String url = rs.getString(7);
        return new FeedItem(
                URI.create(rs.getString(1)),
                rs.getString(2),
                URI.create(rs.getString(3)),
                new Shown(
                        rs.getString(4),
                        rs.getString(5),
                        starts == null ? null : starts.toInstant(),
                        url == null ? null : URI.create(url)),
                rs.getTimestamp(8).toInstant(),
                rs.getBoolean(9));
    }

    /** Objects by these actors, not deleted, newest first. */
    public List<FeedItem> feed(Connection c, List<URI> authors, int limit) throws SQLException {
        List<FeedItem> out = new ArrayList<>();
        if (authors.isEmpty()) {
            return out;
        }
        String marks = String.join(", ", java.util.Collections.nCopies(authors.size(), "?"));
        try (PreparedStatement s =
                c.prepareStatement("SELECT id, type, attributed_to, name, safe_html, starts_at, url, "
                        + "received_at, public_audience FROM remote_object WHERE deleted_at IS NULL AND attributed_to IN ("
                        + marks
                        + ") "
                        + "ORDER BY received_at DESC, id LIMIT ?")) {
            int i = 1;
            for (URI a : authors) {
                s.setString(i++, a.toString());
            }
            s.setInt(i, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(feedItem(rs));
                }
            }
        }
        return out;
    }

    public Optional<RemoteObject> find(Connection c, URI id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, type, attributed_to, body, deleted_at FROM remote_object WHERE id = ?")) {
            s.setString(1, id.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next()
                        ? Optional.of(new RemoteObject(
                                URI.create(rs.getString(1)),
                                rs.getString(2),
                                URI.create(rs.getString(3)),
                                rs.getString(4),
                                rs.getTimestamp(5) != null))
                        : Optional.empty();
            }
        }
    }

    public void markDeleted(Connection c, URI id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE remote_object SET deleted_at = ? WHERE id = ?")) {
            s.setTimestamp(1, Timestamp.from(now));
            s.setString(2, id.toString());
            s.executeUpdate();
        }
    }
}
