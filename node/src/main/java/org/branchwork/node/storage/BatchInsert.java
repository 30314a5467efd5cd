package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Runs one statement for each item of a collection as one JDBC batch, and none at all for an empty
 * one: HSQLDB answers {@code executeBatch()} on an empty batch with an error, which is how a
 * campaign without resources once failed to store.
 */
final class BatchInsert {

    /** Binds one item's parameters. */
    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement s, T item, int position) throws SQLException;
    }

    private BatchInsert() {}

    static <T> void each(Connection c, String sql, Collection<T> items, Binder<T> binder) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int position = 0;
            for (T item : items) {
                binder.bind(s, item, position++);
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
