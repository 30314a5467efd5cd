package org.branchwork.node.storage;

import java.sql.SQLException;

/** A database failure that the caller cannot fix; it surfaces as a 500 and is logged with its cause. */
public final class StorageException extends RuntimeException {
    public StorageException(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
