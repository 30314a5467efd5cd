package org.branchwork.node.storage;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Content received from followed actors, with its owner, so that only the owner may change it. */
public final class RemoteObjectStore {

    /** A stored object; {@code deleted} once its owner deleted it. */
    public record RemoteObject(URI id, String type, URI attributedTo, String body, boolean deleted) {
    }

    /** Stores or replaces the object. */
    public void save(Connection c, URI id, String type, URI attributedTo, String body, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                MERGE INTO remote_object o USING (VALUES (CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(64)),
                        CAST(? AS VARCHAR(2048)), CAST(? AS VARCHAR(1048576)), CAST(? AS TIMESTAMP WITH TIME ZONE)))
                    AS v(id, type, attributed_to, body, changed_at) ON o.id = v.id
                WHEN MATCHED THEN UPDATE SET o.type = v.type, o.body = v.body, o.updated_at = v.changed_at, o.deleted_at = NULL
                WHEN NOT MATCHED THEN INSERT VALUES (v.id, v.type, v.attributed_to, v.body, v.changed_at, v.changed_at, NULL)
                """)) {
            s.setString(1, id.toString());
            s.setString(2, type);
            s.setString(3, attributedTo.toString());
            s.setString(4, body);
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    public Optional<RemoteObject> find(Connection c, URI id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, type, attributed_to, body, deleted_at FROM remote_object WHERE id = ?")) {
            s.setString(1, id.toString());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new RemoteObject(URI.create(rs.getString(1)), rs.getString(2),
                        URI.create(rs.getString(3)), rs.getString(4), rs.getTimestamp(5) != null)) : Optional.empty();
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
