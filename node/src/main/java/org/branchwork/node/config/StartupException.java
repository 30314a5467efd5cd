package org.branchwork.node.config;

/**
 * A reason the node cannot start that the operator can fix: a bad setting, a port in use, a data
 * folder that is not writable, a database from a newer release. The message names the setting or
 * file to fix and is shown as it is, without a stack trace.
 */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
