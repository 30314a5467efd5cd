package org.branchwork.node.storage;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transactions on a file database, as a node runs it: work opened inside other work joins it, so
 * that a {@code CHECKPOINT} arriving in between cannot wait for the outer transaction while the
 * inner one waits for the checkpoint (which stopped a branch at its close after 100,000 ballots).
 */
class TransactionsTest {

    @TempDir
    Path dir;

    private Database db;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private Database open() {
        db = Database.open(
                "jdbc:hsqldb:file:" + dir.resolve("db").resolve("branchwork")
                        + ";hsqldb.tx=mvcc;hsqldb.write_delay=false;hsqldb.lock_file=true",
                dir.resolve("db"));
        return db;
    }

    @AfterEach
    void close() {
        threads.shutdownNow();
        if (db != null) {
            db.close();
        }
    }

    @Test
    void workOpenedInsideATransactionJoinsItSoACheckpointInBetweenCannotDeadlockThem() throws Exception {
        Transactions tx = open().transactions();
        Future<Long> outer = threads.submit(() -> tx.inTransaction(c -> {
            insert(c, "https://a.example/groups/a");
            // A checkpoint (VoteCheckpoints, ErasureCompactor) now waits for this transaction to end
            // and holds every new statement until then.
            Thread checkpoint = Thread.ofPlatform().start(db::checkpoint);
            while (checkpoint.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            long seen = tx.inTransaction(TransactionsTest::count);
            return seen;
        }));
        assertThat(outer.get(20, TimeUnit.SECONDS))
                .as("the inner work ran in the outer transaction and saw its row")
                .isEqualTo(1);
        assertThat(tx.inTransaction(TransactionsTest::count)).isEqualTo(1);
    }

    @Test
    void innerWorkThatFailsUndoesOnlyItsOwnWritesAndTheOuterCommitsTheRest() {
        Transactions tx = open().transactions();
        tx.inTransaction(c -> {
            insert(c, "https://a.example/groups/a");
            assertThatThrownBy(() -> tx.inTransaction(inner -> {
                        insert(inner, "https://b.example/groups/b");
                        throw new IllegalStateException("refused");
                    }))
                    .hasMessage("refused");
            insert(c, "https://c.example/groups/c");
            return null;
        });
        assertThat(tx.inTransaction(TransactionsTest::count)).isEqualTo(2);
        boolean rolledBack = !tx.inTransaction(c -> has(c, "https://b.example/groups/b"));
        assertThat(rolledBack).isTrue();
    }

    @Test
    void innerWorkIsRolledBackWithTheOuterTransaction() {
        Transactions tx = open().transactions();
        assertThatThrownBy(() -> tx.inTransaction(c -> {
                    tx.inTransaction(inner -> insert(inner, "https://a.example/groups/a"));
                    throw new IllegalStateException("outer fails");
                }))
                .hasMessage("outer fails");
        assertThat(tx.inTransaction(TransactionsTest::count)).isZero();
    }

    private static int insert(Connection c, String actor) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("INSERT INTO consultation_auto_take_up (actor, added_at) VALUES (?, ?)")) {
            s.setString(1, actor);
            s.setTimestamp(2, Timestamp.from(Instant.now()));
            return s.executeUpdate();
        }
    }

    private static long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM consultation_auto_take_up");
                ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static boolean has(Connection c, String actor) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM consultation_auto_take_up WHERE actor = ?")) {
            s.setString(1, actor);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
