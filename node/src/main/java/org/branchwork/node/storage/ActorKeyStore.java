package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Persistence of actor key pairs, as PEM text. */
public final class ActorKeyStore {

    /** One stored key pair. */
    public record StoredKey(String publicPem, String privatePem) {}

    public Optional<StoredKey> find(Connection c, String actor, String keyType) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("SELECT public_pem, private_pem FROM actor_key WHERE actor = ? AND key_type = ?")) {
            s.setString(1, actor);
            s.setString(2, keyType);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new StoredKey(rs.getString(1), rs.getString(2))) : Optional.empty();
            }
        }
    }

    public void insert(Connection c, String actor, String keyType, StoredKey key, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO actor_key (actor, key_type, public_pem, private_pem, created_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, actor);
            s.setString(2, keyType);
            s.setString(3, key.publicPem());
            s.setString(4, key.privatePem());
            s.setTimestamp(5, Timestamp.from(now));
            s.executeUpdate();
        }
    }
}
