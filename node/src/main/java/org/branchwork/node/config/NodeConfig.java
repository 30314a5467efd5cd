package org.branchwork.node.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The node's validated configuration. Built only by {@link NodeConfigLoader}, so every instance
 * has passed validation; nullable components are exposed through {@code Optional} accessors.
 *
 * @param host            address to bind, {@code 0.0.0.0} by default
 * @param port            listening port; 0 picks a free one (tests)
 * @param publicUrl       origin used in actor ids, links and signatures; null means derived from the port
 * @param dataDir         database, keys and uploads
 * @param branchSlug      branch handle given by the operator, or null for first-run set-up
 * @param branchName      branch display name given by the operator, or null
 * @param adminToken      bearer token with admin rights on the API, or null
 * @param allowPrivateAddresses whether federation may reach loopback and private addresses
 * @param dbUrl           JDBC URL, or null for the embedded database in the data folder
 * @param firstRetry      delay before the first retry of a failed delivery; later ones double
 * @param signInsPerAddress sign-in attempts allowed from one client address per 5 minutes
 * @param mail            outgoing mail (SMTP), or none: mails are then written to the log
 */
public record NodeConfig(
        String host,
        int port,
        URI publicUrl,
        Path dataDir,
        String branchSlug,
        String branchName,
        String adminToken,
        boolean allowPrivateAddresses,
        String dbUrl,
        java.time.Duration firstRetry,
        java.time.ZoneId timeZone,
        int signInsPerAddress,
        Optional<MailConfig> mail) {

    /** Mastodon's limit of sign-in attempts from one client address per 5 minutes. */
    public static final int DEFAULT_SIGN_INS_PER_ADDRESS = 25;

    /** The public origin; when none is configured, {@code http://localhost:<port>} with the actual port. */
    public URI publicUrl(int actualPort) {
        return publicUrl != null ? publicUrl : URI.create("http://localhost:" + actualPort);
    }

    public Optional<String> configuredBranchSlug() {
        return Optional.ofNullable(branchSlug);
    }

    public Optional<String> configuredBranchName() {
        return Optional.ofNullable(branchName);
    }

    public Optional<String> configuredAdminToken() {
        return Optional.ofNullable(adminToken);
    }

    /** The JDBC URL to use: the configured one, or the embedded HSQLDB file database in the data folder. */
    public String jdbcUrl() {
        if (dbUrl != null) {
            return dbUrl;
        }
        // Durability over speed: write_delay=false syncs the log on every commit, so kill -9 loses
        // no committed transaction; mvcc lets readers and writers proceed side by side; cached
        // tables keep big tables on disk instead of in memory, with a row cache (HSQLDB's default
        // of 50,000 rows / 10 MB) large enough for a 100,000-member branch's members and one
        // mailing's queue: at the default, a mailing to 100,000 read rows back from disk for every
        // claim and went out at 382 mails/s instead of 726. It fills only as rows are read.
        // See docs/OPERATING.md.
        Path db = dataDir.toAbsolutePath().resolve("db").resolve("branchwork");
        return "jdbc:hsqldb:file:" + db
                + ";hsqldb.tx=mvcc;hsqldb.write_delay=false;hsqldb.default_table_type=cached"
                + ";hsqldb.lock_file=true;hsqldb.log_size=200;sql.enforce_size=true"
                + ";hsqldb.cache_rows=250000;hsqldb.cache_size=32768";
    }

    /** A copy with another port; used by tests and by nothing else. */
    public NodeConfig withPort(int newPort) {
        return new NodeConfig(
                host,
                newPort,
                publicUrl,
                dataDir,
                branchSlug,
                branchName,
                adminToken,
                allowPrivateAddresses,
                dbUrl,
                firstRetry,
                timeZone,
                signInsPerAddress,
                mail);
    }
}
