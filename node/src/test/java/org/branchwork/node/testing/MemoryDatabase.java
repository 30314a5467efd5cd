package org.branchwork.node.testing;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.branchwork.node.storage.Database;
import org.branchwork.node.storage.Transactions;

/**
 * A migrated database in memory, named for this test alone and closed after it. Registered on an
 * instance field ({@code @RegisterExtension}) so that each test gets a new one; it closes after the
 * test's own {@code @AfterEach}, so whatever that stops may still write.
 */
public final class MemoryDatabase implements AfterEachCallback {

    private final Database db;

    public MemoryDatabase() {
        this("");
    }

    private MemoryDatabase(String options) {
        db = Database.open("jdbc:hsqldb:mem:" + UUID.randomUUID() + options, Path.of("mem"));
    }

    /**
     * In the transaction mode a node runs in (MVCC, as NodeConfig's URL sets it), for tests of
     * what concurrent transactions do.
     */
    public static MemoryDatabase asANodeRunsIt() {
        return new MemoryDatabase(";hsqldb.tx=mvcc");
    }

    public Database db() {
        return db;
    }

    public Transactions transactions() {
        return db.transactions();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        db.close();
    }
}
