package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;

import org.branchwork.node.domain.Branch;

/** Persistence of the one branch a node hosts. */
public final class BranchStore {

    public Optional<Branch> find(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT slug, name, created_at FROM branch WHERE id = 1");
                ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new Branch(
                    rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
        }
    }

    /** Creates the branch, or renames it when it exists; the creation time is kept. */
    public void save(Connection c, Branch branch) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                MERGE INTO branch b USING (VALUES (1, CAST(? AS VARCHAR(30)), CAST(? AS VARCHAR(100)),
                                                   CAST(? AS TIMESTAMP WITH TIME ZONE)))
                    AS v(id, slug, name, created_at) ON b.id = v.id
                WHEN MATCHED THEN UPDATE SET b.slug = v.slug, b.name = v.name
                WHEN NOT MATCHED THEN INSERT (id, slug, name, created_at) VALUES (v.id, v.slug, v.name, v.created_at)
                """)) {
            s.setString(1, branch.slug());
            s.setString(2, branch.name());
            s.setTimestamp(3, Timestamp.from(branch.createdAt()));
            s.executeUpdate();
        }
    }
}
