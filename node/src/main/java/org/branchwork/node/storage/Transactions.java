package org.branchwork.node.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import javax.sql.DataSource;

/**
 * Runs work in one JDBC transaction: commit on return, roll back on any exception. Services mark
 * their transaction boundaries with this; stores take the {@link Connection} they are given.
 *
 * <p>Work started inside other work on the same thread (a service that publishes, and the
 * publisher asks another service for the branch) joins the transaction already open, under a
 * savepoint: its failure undoes only its own writes, and the outer work commits or rolls back
 * everything. It must not take a second connection: HSQLDB's {@code CHECKPOINT} (after votes,
 * after erasures, when the log is full) waits for every open transaction to end and holds every
 * new statement meanwhile, so a thread holding one transaction and asking for another waits for
 * the checkpoint, which waits for it — and the whole node stopped (found by
 * deploy/bench/run-consultation.sh at 100,000 ballots; {@code TransactionsTest}). The same
 * thread holding two pooled connections could also empty the pool.
 */
public final class Transactions {

    /** Work inside a transaction that returns a value. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    /** The connection of the transaction this thread is running, if any (per database: nodes share a JVM). */
    private final ThreadLocal<Connection> open = new ThreadLocal<>();

    Transactions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public <T> T inTransaction(Work<T> work) {
        Connection outer = open.get();
        if (outer != null) {
            return joined(outer, work);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            open.set(connection);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                open.remove();
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    private static <T> T joined(Connection c, Work<T> work) {
        try {
            Savepoint savepoint = c.setSavepoint();
            try {
                T result = work.run(c);
                c.releaseSavepoint(savepoint);
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback(savepoint);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }
}
