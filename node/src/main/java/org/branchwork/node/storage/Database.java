package org.branchwork.node.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

import org.branchwork.node.config.StartupException;

/**
 * The node's database: opens it, applies the schema migrations and closes it cleanly. Stores get
 * connections through {@link #transactions()} or, for a hot read, {@link #keep(String)}; nothing
 * else touches JDBC connections directly.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final int POOL_SIZE = 16;

    private final String url;
    private final HikariDataSource pool;
    private final Transactions transactions;
    private final List<KeptQuery> kept = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean erasedSinceCompaction =
            new java.util.concurrent.atomic.AtomicBoolean();

    private Database(String url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
        this.transactions = new Transactions(pool);
    }

    /**
     * Opens the database at {@code url} and brings its schema up to date.
     *
     * @param url      a {@code jdbc:hsqldb:} URL
     * @param fileHint the file or folder to name in error messages
     */
    public static Database open(String url, Path fileHint) {
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(poolConfig(url));
        } catch (RuntimeException e) {
            // Hikari wraps the driver's SQLException when the first connection fails.
            Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
            throw explainOpenFailure(
                    cause instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e), fileHint);
        }
        Database database = new Database(url, pool);
        try {
            database.migrate(fileHint);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    public Transactions transactions() {
        return transactions;
    }

    /** A read kept prepared on its own connection (see {@link KeptQuery}); closed with the database. */
    public KeptQuery keep(String sql) {
        KeptQuery query = new KeptQuery(pool, sql);
        kept.add(query);
        return query;
    }

    public DataSource dataSource() {
        return pool;
    }

    private void migrate(Path fileHint) {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                // Flyway ignores migrations it does not know by default; a database written by a
                // newer release must instead stop this one before it misreads the schema.
                .ignoreMigrationPatterns("")
                .validateOnMigrate(false)
                .load();
        MigrationInfo newest = Arrays.stream(flyway.info().applied())
                .filter(m ->
                        m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .max(Comparator.comparing(MigrationInfo::getVersion))
                .orElse(null);
        if (newest != null) {
            throw new StartupException(
                    "The database in " + fileHint + " was written by a newer Branchwork (schema version "
                            + newest.getVersion() + "); this release knows up to version " + latestKnown(flyway)
                            + ". Run the newer release, or restore a backup made by this one.");
        }
        MigrateResult result = flyway.migrate();
        if (result.migrationsExecuted > 0) {
            LOG.info(() -> "Database schema migrated to version " + result.targetSchemaVersion);
        }
    }

    private static String latestKnown(Flyway flyway) {
        return Arrays.stream(flyway.info().all())
                .filter(m ->
                        m.getState() != MigrationState.FUTURE_SUCCESS && m.getState() != MigrationState.FUTURE_FAILED)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .map(Object::toString)
                .orElse("none");
    }

    private static StartupException explainOpenFailure(SQLException e, Path fileHint) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("lockFile") || text.contains("lock acquisition")) {
            return new StartupException(
                    "The database in " + fileHint
                            + " is in use by another running node. Stop it first, or set BRANCHWORK_DATA_DIR to another folder.",
                    e);
        }
        return new StartupException("Cannot open the database in " + fileHint + ": " + text, e);
    }

    /** Whether the URL is a file database of ours, whose files live under a folder. */
    public static boolean isFileDatabase(String url) {
        return url.startsWith("jdbc:hsqldb:file:");
    }

    /** Creates the parent folder of a file database, failing clearly when it is not writable. */
    public static void prepareFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (Exception e) {
            throw new StartupException(
                    "Cannot create the data folder " + folder.toAbsolutePath() + " (BRANCHWORK_DATA_DIR): "
                            + e.getMessage(),
                    e);
        }
        if (!Files.isWritable(folder)) {
            throw new StartupException("The data folder " + folder.toAbsolutePath()
                    + " is not writable (BRANCHWORK_DATA_DIR): fix its permissions or choose another folder.");
        }
    }

    /**
     * Notes that personal data was deleted: a plain DELETE leaves the row's bytes in the cached
     * tables' file (and its insert in the log) until the file is rewritten, so the data is not gone
     * until the next {@link #compact()} or shutdown, which then compacts.
     */
    public void erased() {
        erasedSinceCompaction.set(true);
    }

    /**
     * Rewrites the database files without the space of deleted rows ({@code CHECKPOINT DEFRAG}):
     * afterwards no erased member's bytes remain in them. Other statements wait while it runs
     * (measured in docs/OPERATING.md). Does nothing when nothing was erased since the last one.
     */
    public boolean compact() {
        if (!erasedSinceCompaction.getAndSet(false) || !url.startsWith("jdbc:hsqldb:")) {
            return false;
        }
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CHECKPOINT DEFRAG");
            return true;
        } catch (SQLException e) {
            erasedSinceCompaction.set(true);
            throw new StorageException(e);
        }
    }

    /**
     * Rewrites the memory tables into the {@code .script} file, in primary-key order, and empties the
     * redo log ({@code CHECKPOINT}); see {@link VoteCheckpoints} for why ballots need it.
     */
    public boolean checkpoint() {
        if (!url.startsWith("jdbc:hsqldb:")) {
            return false;
        }
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
            return true;
        } catch (SQLException e) {
            throw new StorageException(e);
        }
    }

    /**
     * Writes a consistent copy of the database into {@code folder} (created; it must not hold a
     * database already) while the node runs: HSQLDB's {@code BACKUP DATABASE ... BLOCKING AS FILES}
     * checkpoints, holds writes for the copy's duration and writes the files a database opens
     * from as they are. Returns the files written.
     */
    public List<Path> backup(Path folder) {
        if (!url.startsWith("jdbc:hsqldb:file:")) {
            throw new IllegalStateException("only the embedded file database is backed up this way");
        }
        try {
            Files.createDirectories(folder);
            try (var existing = Files.list(folder)) {
                if (existing.findAny().isPresent()) {
                    throw new IllegalArgumentException(folder + " is not empty");
                }
            }
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot create " + folder + ": " + e.getMessage(), e);
        }
        String target = folder.toAbsolutePath() + java.io.File.separator;
        try (Connection c = pool.getConnection();
                Statement s = c.createStatement()) {
            s.execute("BACKUP DATABASE TO '" + target.replace("'", "''") + "' BLOCKING AS FILES");
        } catch (SQLException e) {
            throw new StorageException(e);
        }
        try (var files = Files.list(folder)) {
            return files.sorted().toList();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Closes the pool and, for embedded databases, checkpoints and shuts the database down. */
    @Override
    public void close() {
        kept.forEach(KeptQuery::close);
        if (url.startsWith("jdbc:hsqldb:")) {
            try (Connection c = pool.getConnection();
                    Statement s = c.createStatement()) {
                // After an erasure not yet compacted away, the files are rewritten on the way out.
                s.execute(erasedSinceCompaction.get() ? "SHUTDOWN COMPACT" : "SHUTDOWN");
            } catch (SQLException e) {
                LOG.log(
                        Level.WARNING,
                        "Database did not shut down cleanly; it will recover from its log on next start",
                        e);
            }
        }
        closeQuietly(pool);
    }

    /**
     * HikariCP rather than HSQLDB's own {@code JDBCPool}: that one sleeps in a polling loop while
     * all its connections are taken, and under a burst of inbox traffic every caller (the group
     * commit that makes requests durable among them) slept with it. Hikari hands a returned
     * connection straight to a waiting caller.
     */
    private static HikariConfig poolConfig(String url) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("SA");
        config.setPassword("");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("branchwork-db");
        config.setAutoCommit(true);
        // The first connection opens (and may create) the database: fail at once, with its reason.
        config.setInitializationFailTimeout(1);
        return config;
    }

    private static void closeQuietly(HikariDataSource pool) {
        pool.close();
    }
}
