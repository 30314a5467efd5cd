package org.branchwork.node.storage;

import java.io.IOException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorageExceptionTest {

    @Test
    void aDatabaseThatCannotWriteIsUnavailableAndAStatementItRefusesIsNot() {
        assertThat(new StorageException(
                                new SQLException("write failed", "S1000", new IOException("No space left on device")))
                        .unavailable())
                .isTrue();
        assertThat(new StorageException(new SQLException("connection lost", "08006")).unavailable())
                .isTrue();
        assertThat(new StorageException(new SQLException("disk full", "53100")).unavailable())
                .isTrue();
        assertThat(new StorageException(new SQLException("duplicate key", "23505")).unavailable())
                .isFalse();
        assertThat(new StorageException(new SQLException("unexpected token", "42581")).unavailable())
                .isFalse();
    }
}
