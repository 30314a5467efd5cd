package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * A hot read kept prepared on a connection of its own. HSQLDB compiles a statement on every
 * {@code prepareStatement}; for a read the inbox makes for each activity (is this actor one we
 * follow?) the compile and the transaction around it cost more than the read. The connection is in
 * autocommit, so each call sees what was committed before it: nothing is cached but the statement.
 * Calls take turns; each is a few microseconds.
 */
public final class KeptQuery implements AutoCloseable {

    /** Sets the statement's parameters. */
    @FunctionalInterface
    public interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Reads the result. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private final DataSource dataSource;
    private final String sql;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private PreparedStatement statement;

    KeptQuery(DataSource dataSource, String sql) {
        this.dataSource = dataSource;
        this.sql = sql;
    }

    public <T> T query(Binder binder, Reader<T> reader) {
        lock.lock();
        try {
            try {
                return run(binder, reader);
            } catch (SQLException first) {
                // A connection retired or broken since the last call: once more on a fresh one.
                closeQuietly();
                return run(binder, reader);
            }
        } catch (SQLException e) {
            closeQuietly();
            throw new StorageException(e);
        } finally {
            lock.unlock();
        }
    }

    private <T> T run(Binder binder, Reader<T> reader) throws SQLException {
        if (statement == null) {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            statement = connection.prepareStatement(sql);
        }
        binder.bind(statement);
        try (ResultSet rows = statement.executeQuery()) {
            return reader.read(rows);
        }
    }

    private void closeQuietly() {
        try {
            if (connection != null) {
                connection.close(); // closes the statement too
            }
        } catch (SQLException ignored) {
            // being replaced or shut down: nothing to keep
        } finally {
            connection = null;
            statement = null;
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }
}
