package org.branchwork.node.storage;

import java.io.IOException;
import java.sql.SQLException;

/**
 * A database failure that the caller cannot fix. {@link #unavailable()} tells a database that
 * cannot write or be reached just now (a full disk, a lost connection: worth retrying later, a 503)
 * from one that refused the statement itself (a bug: a 500, logged with its cause).
 */
public final class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public StorageException(String message) {
        super(message);
    }

    /**
     * Whether the failure is the database's state rather than the statement: SQLSTATE class 08
     * (connection), 53 (insufficient resources, PostgreSQL's disk full), 57/58 (operator or system
     * error), or an I/O failure anywhere in the cause chain, or HSQLDB's "Data File size limit is
     * reached", which is how it reports a data file it could not grow on a full disk.
     */
    public boolean unavailable() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08")
                        || state.startsWith("53")
                        || state.startsWith("57")
                        || state.startsWith("58")) {
                    return true;
                }
            }
            // HSQLDB reports a data file it cannot grow (a full disk) as its size limit being reached.
            if (t.getMessage() != null
                    && (t.getMessage().contains("No space left")
                            || t.getMessage().contains("Data File size limit is reached"))) {
                return true;
            }
        }
        return false;
    }
}
