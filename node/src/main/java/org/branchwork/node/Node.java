package org.branchwork.node;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.config.Setting;
import org.branchwork.node.config.StartupException;
import org.branchwork.node.http.PublicOrigin;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.storage.Database;
import org.branchwork.node.web.HelidonMappers;
import org.branchwork.node.web.HttpProtocol;

/**
 * The composition root: builds a node by hand from its configuration, as a few assemblies that
 * stand on each other ({@link Foundation} → {@link FederationAssembly} → {@link ContentAssembly} →
 * {@link MembersAssembly}, {@link MailAssembly} → {@link RelayAssembly}, {@link InboxAssembly}, {@link ConsultationAssembly} → {@link WebAssembly}), each a record of what it
 * built; starts it and stops it. Holds no static state, so tests run several nodes in one JVM.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Node.class.getName());
    /** The largest body any route reads (a member CSV import); the inbox and the API cap their own far lower. */
    private static final long MAX_REQUEST_BYTES = 34L * 1024 * 1024;

    private final Foundation foundation;
    private final FederationAssembly federation;
    private final MembersAssembly members;
    private final MailAssembly mail;
    private final RelayAssembly relay;
    private final InboxAssembly inbox;
    private final ConsultationAssembly consultations;
    private final WebServer server;
    private final NodeInspector inspector;
    private volatile boolean closed;

    private Node(
            Foundation foundation,
            FederationAssembly federation,
            MembersAssembly members,
            MailAssembly mail,
            RelayAssembly relay,
            InboxAssembly inbox,
            ConsultationAssembly consultations,
            WebServer server,
            NodeInspector inspector) {
        this.foundation = foundation;
        this.federation = federation;
        this.members = members;
        this.mail = mail;
        this.relay = relay;
        this.inbox = inbox;
        this.consultations = consultations;
        this.server = server;
        this.inspector = inspector;
    }

    /** What the node holds, for tests and benchmarks. */
    public NodeInspector inspect() {
        return inspector;
    }

    /** Opens the data folder and database, applies configuration and starts listening. */
    public static Node start(NodeConfig config) {
        return start(config, Clock.systemUTC());
    }

    /**
     * The same on a given clock, which every time-dependent rule reads (retry schedule, unavailable
     * hosts, sessions, tokens, throttles, retention, signature windows): tests move it forward
     * rather than editing rows.
     */
    public static Node start(NodeConfig config, Clock clock) {
        Database.prepareFolder(config.dataDir());
        String jdbcUrl = config.jdbcUrl();
        Path dbHint = config.dataDir().toAbsolutePath().resolve("db");
        Database database = Database.open(jdbcUrl, Database.isFileDatabase(jdbcUrl) ? dbHint : Path.of(jdbcUrl));
        try {
            return assemble(config, database, clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** Builds the assemblies in the order they stand on each other, then listens and starts the workers. */
    private static Node assemble(NodeConfig config, Database database, Clock clock) {
        HelidonMappers.shareOne();
        Foundation f = Foundation.build(config, database, clock);
        FederationAssembly federation = FederationAssembly.build(f);
        MailAssembly mail = MailAssembly.build(f);
        ContentAssembly content = ContentAssembly.build(f, federation, mail);
        MembersAssembly members = MembersAssembly.build(f, federation, content);
        // The background loop that queues reminders also sends each ended event's attended count.
        mail.queue().beforeClaim(members.checkIn()::reportEnded);
        RelayAssembly relay = RelayAssembly.build(f, federation, mail);
        ConsultationAssembly consultations = ConsultationAssembly.build(f, federation, mail);
        InboxAssembly inbox = InboxAssembly.build(f, federation, content, relay, consultations);
        AtomicBoolean ready = new AtomicBoolean();
        Routes.Components components =
                WebAssembly.build(f, federation, content, members, mail, relay, inbox, consultations, ready::get);

        WebServer server = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .maxPayloadSize(MAX_REQUEST_BYTES)
                .addProtocol(HttpProtocol.http1())
                // Our own shutdown hook stops the server before closing the database.
                .shutdownHook(false)
                .routing(routing -> Routes.register(routing, components))
                .build();
        StartupChecks.portIsFree(config);
        server.start();
        if (!server.isRunning()) {
            throw new StartupException("Cannot listen on " + config.host() + ":" + config.port()
                    + " (the web server's reason is in the log above). Check " + Setting.PORT.variable()
                    + " and " + Setting.HOST.variable() + ".");
        }
        f.origin().bindToPortIfUnset(server.port());
        f.actors().instanceKeys();
        f.actors().branch();
        // An embedded database (file or memory) is opened by one process alone, so claims found at start are stale.
        boolean soleProcess =
                Database.isFileDatabase(config.jdbcUrl()) || config.jdbcUrl().startsWith("jdbc:hsqldb:mem:");
        federation.worker().start(soleProcess);
        mail.queue().start(soleProcess);
        relay.relay().start();
        inbox.processor().start();
        inbox.retention().start();
        members.imports().resumeInterrupted();
        Node node = new Node(
                f,
                federation,
                members,
                mail,
                relay,
                inbox,
                consultations,
                server,
                new NodeInspector(
                        f.tx(),
                        federation.remoteObjects(),
                        inbox.store(),
                        federation.deliveryStore(),
                        federation.followStore(),
                        members.compactor(),
                        f.memberStore(),
                        clock));
        ready.set(true);
        LOG.info(() -> "Branchwork node "
                + f.branches().current().map(b -> "for " + b.name() + " ").orElse("") + "listening on port "
                + server.port() + ", public URL " + f.origin().uri());
        f.setup()
                .code()
                // INFO, not WARNING: on a first start this line is expected, it is the way in.
                .ifPresent(code -> LOG.info(
                        () -> "This node is not set up yet. Open " + f.origin().uri() + "/setup?code=" + code
                                + " to set it up (the code is valid until set-up is done)."));
        return node;
    }

    /**
     * The consultation service, for benchmarks that cast many members' ballots in-process: signing
     * 100,000 imported members in (each would first have to set a password) is not practical, so
     * deploy/bench's ConsultationLoad votes as each member's {@code Acting} through the same
     * {@code vote} the ballot API calls. The node never reaches its services through this.
     */
    public ConsultationService consultations() {
        return consultations.consultations();
    }

    /** The port the server listens on (the real one when 0 was configured). */
    public int port() {
        return server.port();
    }

    public PublicOrigin origin() {
        return foundation.origin();
    }

    public NodeConfig config() {
        return foundation.config();
    }

    /** The first-run set-up code, while the node still needs setting up. */
    public Optional<String> setupCode() {
        return foundation.setup().code();
    }

    /** Stops accepting requests, lets running ones finish, then shuts the database down cleanly. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop();
        inbox.inserts().close();
        inbox.retention().close();
        members.compactor().close();
        inbox.processor().close();
        federation.worker().close();
        relay.relay().close();
        mail.queue().close();
        consultations.takeUp().close();
        consultations.checkpoints().close();
        try {
            federation.http().close();
        } catch (java.io.IOException e) {
            LOG.fine(() -> "Closing the HTTP client: " + e.getMessage());
        }
        foundation.database().close();
        LOG.info("Branchwork node stopped");
    }
}
