package org.branchwork.node;

import org.branchwork.node.federation.FollowRequests;
import org.branchwork.node.federation.InboxDeadLetters;

import org.branchwork.node.config.StartupException;
import org.branchwork.node.http.PublicOrigin;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import io.helidon.webserver.WebServer;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.api.AnnouncementsEndpoint;
import org.branchwork.node.api.EventsEndpoint;
import org.branchwork.node.api.CampaignsEndpoint;
import org.branchwork.node.federation.inbound.handlers.CampaignHandlers;
import org.branchwork.node.federation.mapping.CampaignMapper;
import org.branchwork.node.service.CampaignService;
import org.branchwork.node.storage.AdoptedCampaignStore;
import org.branchwork.node.storage.CampaignStore;
import org.branchwork.node.federation.FediverseDirectory;
import org.branchwork.node.federation.inbound.handlers.RsvpHandlers;
import org.branchwork.node.federation.mapping.EventMapper;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.ProfileService;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.OutgoingRsvpStore;
import org.branchwork.node.storage.PublicProfileStore;
import org.branchwork.node.storage.RsvpStore;
import org.branchwork.node.storage.SubscriptionStore;
import org.branchwork.node.web.CalendarFeeds;
import org.branchwork.node.web.pages.EventPages;
import org.branchwork.node.web.pages.CampaignPages;
import org.branchwork.node.web.pages.AnnouncementPages;
import org.branchwork.node.web.pages.FeedPages;
import org.branchwork.node.api.DeliveriesEndpoint;
import org.branchwork.node.api.InboxDeadLettersEndpoint;
import org.branchwork.node.api.BackupEndpoint;
import org.branchwork.node.service.BackupService;
import org.branchwork.node.api.MembersEndpoint;
import org.branchwork.node.mail.LogMailer;
import org.branchwork.node.mail.SmtpMailer;
import org.branchwork.node.service.AccountService;
import org.branchwork.node.service.AuditLog;
import org.branchwork.node.service.NodeSettingsService;
import org.branchwork.node.service.LoginThrottle;
import org.branchwork.node.service.Mailer;
import org.branchwork.node.service.MemberImportService;
import org.branchwork.node.service.MemberService;
import org.branchwork.node.service.SessionService;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.EmailTokenStore;
import org.branchwork.node.storage.ErasureCompactor;
import org.branchwork.node.storage.WriteProbe;
import org.branchwork.node.storage.MemberImportStore;
import org.branchwork.node.storage.SessionStore;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.pages.AccountPages;
import org.branchwork.node.web.pages.AdminPages;
import org.branchwork.node.web.pages.MemberPages;
import org.branchwork.node.web.pages.OrganiserPages;
import java.util.function.BooleanSupplier;
import org.branchwork.node.federation.DeliveryQueueService;
import org.branchwork.node.api.ApiAuth;
import org.branchwork.node.api.FederationPolicyEndpoint;
import org.branchwork.node.api.FollowRequestsEndpoint;
import org.branchwork.node.service.PeerPolicy;
import org.branchwork.node.storage.PeerPolicyStore;
import org.branchwork.node.federation.mapping.AnnouncementMapper;
import org.branchwork.node.federation.wellknown.ObjectEndpoint;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.node.storage.AnnouncementStore;
import org.branchwork.node.api.FollowsEndpoint;
import org.branchwork.node.federation.FollowService;
import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.federation.inbound.ActivityDispatcher;
import org.branchwork.node.federation.inbound.handlers.InboundRoutes;
import org.branchwork.node.federation.inbound.InboxEndpoint;
import org.branchwork.node.federation.inbound.InboxPipeline;
import org.branchwork.node.federation.inbound.InboxProcessor;
import org.branchwork.node.federation.inbound.InboxRetention;
import org.branchwork.node.federation.inbound.handlers.ContentHandlers;
import org.branchwork.node.federation.inbound.handlers.FollowHandlers;
import org.branchwork.node.federation.outbound.DeliveryWorker;
import org.branchwork.node.federation.outbound.InboxClient;
import org.branchwork.node.federation.outbound.OutboundPublisher;
import org.branchwork.node.federation.outbound.PeerHealth;
import org.branchwork.node.storage.PeerHostStore;
import org.branchwork.node.federation.outbound.RetrySchedule;
import org.branchwork.node.federation.resolve.ActivityFetcher;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteHttpClient;
import org.branchwork.node.federation.resolve.SsrfGuard;
import org.branchwork.node.federation.resolve.WebFingerClient;
import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.GroupCommitter;
import org.branchwork.node.storage.InboxStore;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.protocol.sig.HttpSignatureVerifier;
import org.branchwork.protocol.sig.SignaturePolicy;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.federation.mapping.ActorMapper;
import org.branchwork.node.federation.wellknown.ActorEndpoint;
import org.branchwork.node.federation.wellknown.ContextEndpoint;
import org.branchwork.node.federation.wellknown.NodeInfoEndpoint;
import org.branchwork.node.federation.wellknown.WebFingerEndpoint;
import org.branchwork.node.service.ActorKeyService;
import org.branchwork.node.storage.ActorKeyStore;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.node.config.Setting;
import org.branchwork.node.security.PasswordHasher;
import org.branchwork.node.service.BranchService;
import org.branchwork.node.service.SetupService;
import org.branchwork.node.storage.BranchStore;
import org.branchwork.node.storage.Database;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.web.ErrorHandlers;
import org.branchwork.node.web.HealthEndpoint;
import org.branchwork.node.web.HelidonMappers;
import org.branchwork.node.web.HttpProtocol;
import org.branchwork.node.web.Templates;
import org.branchwork.node.web.pages.HomePages;
import org.branchwork.node.web.pages.SetupPages;

/**
 * The composition root: builds every part of a node by hand from its configuration, starts it and
 * stops it. Holds no static state, so tests run several nodes in one JVM.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Node.class.getName());
    /** The largest body any route reads (a member CSV import); the inbox and the API cap their own far lower. */
    private static final long MAX_REQUEST_BYTES = 34L * 1024 * 1024;

    private final NodeConfig config;
    private final Database database;
    private final WebServer server;
    private final PublicOrigin origin;
    private final SetupService setup;
    private final DeliveryWorker worker;
    private final RemoteHttpClient http;
    private final NodeInspector inspector;
    private final InboxProcessor processor;
    private final GroupCommitter<InboxStore.Received, Boolean> inboxInserts;
    private final InboxRetention retention;
    private final ErasureCompactor compactor;
    private volatile boolean closed;

    private Node(NodeConfig config, Database database, WebServer server, PublicOrigin origin, SetupService setup,
                 DeliveryWorker worker, RemoteHttpClient http, NodeInspector inspector, InboxProcessor processor,
                 GroupCommitter<InboxStore.Received, Boolean> inboxInserts, InboxRetention retention,
                 ErasureCompactor compactor) {
        this.compactor = compactor;
        this.retention = retention;
        this.processor = processor;
        this.inboxInserts = inboxInserts;
        this.config = config;
        this.database = database;
        this.server = server;
        this.origin = origin;
        this.setup = setup;
        this.worker = worker;
        this.http = http;
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

    private static Node assemble(NodeConfig config, Database database, Clock clock) {
        HelidonMappers.shareOne();
        SecureRandom random = new SecureRandom();
        PublicOrigin origin = new PublicOrigin(config.publicUrl());
        var tx = database.transactions();
        BranchStore branchStore = new BranchStore();
        MemberStore memberStore = new MemberStore();

        BranchService branches = new BranchService(tx, branchStore, clock);
        config.configuredBranchSlug().ifPresent(slug ->
                branches.applyConfigured(slug, config.configuredBranchName().orElse(slug)));
        PasswordHasher hasher = new PasswordHasher(random);
        SetupService setup = new SetupService(tx, branchStore, memberStore, hasher, clock, random,
                config.configuredBranchSlug().isPresent());

        ActivityCodec codec = new ActivityCodec();
        LocalUris uris = new LocalUris(origin);
        ActorKeyService keys = new ActorKeyService(tx, new ActorKeyStore(), random, clock);
        PublicProfileStore profileStore = new PublicProfileStore();
        LocalActors actors = new LocalActors(branches, keys, uris, tx, profileStore);
        // Key generation (RSA-2048) takes a moment: before listening, not on the first request.
        keys.ensureKeys(ActorKeyService.ActorRole.INSTANCE);
        keys.ensureKeys(ActorKeyService.ActorRole.BRANCH);
        AtomicBoolean ready = new AtomicBoolean();

        // Federation: outgoing HTTP, resolution, the delivery queue and the inbox.
        RemoteHttpClient http = new RemoteHttpClient(new SsrfGuard(config.allowPrivateAddresses()),
                "Branchwork/" + StartupChecks.version() + " (+" + (config.publicUrl() == null ? "local" : config.publicUrl()) + ")", 8);
        PeerPolicy peerPolicy = new PeerPolicy(tx, new PeerPolicyStore(), clock);
        ActivityFetcher fetcher = new ActivityFetcher(http, codec, () -> actors.instanceKeys().rsa(), peerPolicy::refusal, clock);
        ActorResolver resolver = new ActorResolver(fetcher, clock);
        FollowStore followStore = new FollowStore();
        DeliveryStore deliveryStore = new DeliveryStore();
        AnnouncementMapper announcementMapper = new AnnouncementMapper(uris);
        EventMapper eventMapper = new EventMapper(uris);
        AdoptedCampaignStore adoptedCampaigns = new AdoptedCampaignStore();
        CampaignMapper campaignMapper = new CampaignMapper(uris);
        OutboundPublisher outbox = new OutboundPublisher(deliveryStore, followStore, codec, actors, uris, announcementMapper,
                eventMapper, campaignMapper, adoptedCampaigns, clock);
        PeerHealth peerHealth = new PeerHealth(tx, new PeerHostStore(), clock);
        DeliveryWorker worker = new DeliveryWorker(tx, deliveryStore, new InboxClient(http, peerHealth, clock),
                signAs -> signAs == null ? actors.branch().map(b -> b.keys().rsa())
                        : actors.person(signAs).map(LocalActors.PersonActor::rsa), peerPolicy::refusal, new RetrySchedule(random, config.firstRetry()),
                peerHealth, clock, followStore::removeFollowersAt);
        FollowRequests followRequests = new FollowRequests(actors, uris, tx, followStore, outbox, worker, clock);
        FollowHandlers followHandlers = new FollowHandlers(actors, uris, resolver, tx, followStore, followRequests,
                peerPolicy::manualApproval, clock);
        RemoteObjectStore remoteObjects = new RemoteObjectStore();
        FollowService followService = new FollowService(actors, uris,
                new WebFingerClient(http, config.allowPrivateAddresses()), resolver, tx, followStore, outbox, worker, clock);
        FediverseDirectory fediverse = new FediverseDirectory(followService, resolver, fetcher, tx, remoteObjects);
        CampaignService campaigns = new CampaignService(tx, new CampaignStore(), adoptedCampaigns, remoteObjects, fediverse,
                outbox, worker::wake, clock);
        CampaignHandlers campaignHandlers = new CampaignHandlers(uris, resolver, campaigns);
        ContentHandlers content = new ContentHandlers(tx, followStore, database.keep(FollowStore.ACCEPTED_FOLLOWING),
                remoteObjects, fetcher, resolver, campaignHandlers, codec, uris::isLocal, clock);
        // Events and members' reach beyond the branch: RSVPs, public profiles, subscriptions.
        RsvpStore rsvpStore = new RsvpStore();
        EventService events = new EventService(tx, new EventStore(), rsvpStore, memberStore, outbox, worker::wake, clock);
        OutgoingRsvpStore outgoingRsvps = new OutgoingRsvpStore();
        SubscriptionStore subscriptions = new SubscriptionStore();
        ProfileService profiles = new ProfileService(tx, profileStore, subscriptions, outgoingRsvps, remoteObjects,
                fediverse, outbox,
                () -> branches.current().map(b -> b.slug()), worker::wake, random, clock);
        RsvpHandlers rsvpHandlers = new RsvpHandlers(uris, resolver, events, profiles);
        ActivityDispatcher dispatcher = InboundRoutes.dispatcher(content, campaignHandlers, followHandlers, rsvpHandlers);
        InboxStore inboxStore = new InboxStore();
        InboxProcessor processor = new InboxProcessor(tx, inboxStore, codec, dispatcher,
                new RetrySchedule(random, config.firstRetry()), clock);
        InboxDeadLetters deadLetters = new InboxDeadLetters(processor);
        InboxRetention retention = new InboxRetention(tx, inboxStore, clock);
        GroupCommitter<InboxStore.Received, Boolean> inboxInserts = new GroupCommitter<>("inbox-inserts", tx,
                (batch, received) -> inboxStore.insert(batch, received, clock.instant()));
        InboxPipeline pipeline = new InboxPipeline(codec, new HttpSignatureVerifier(SignaturePolicy.defaults(), clock),
                resolver, peerPolicy, origin::uri, inboxInserts);
        // Members: accounts, sessions, organiser tools. Personal data stays behind MemberService.
        AuditLog audit = new AuditLog(tx, new AuditStore(), clock);
        NodeSettingsService nodeSettings = new NodeSettingsService(peerPolicy, audit, tx);
        SessionService sessionService = new SessionService(tx, new SessionStore(), memberStore, random, clock);
        Mailer mailer = config.mail().<Mailer>map(SmtpMailer::new).orElseGet(() -> {
            LOG.warning(() -> "No SMTP server configured (" + Setting.SMTP_HOST.variable() + "): mails are written to this log.");
            return new LogMailer();
        });
        AccountService accounts = new AccountService(tx, memberStore, new EmailTokenStore(), hasher, sessionService,
                new LoginThrottle(clock), mailer, audit, () -> origin.uri().toString(),
                () -> branches.current().map(b -> b.name()).orElse("Branchwork"), random, clock);
        // An erased member's RSVPs still count but name nobody; their profile, subscriptions and sent RSVPs go.
        ErasureCompactor compactor = new ErasureCompactor(database, ErasureCompactor.DELAY);
        MemberService memberService = new MemberService(tx, memberStore, sessionService, audit, clock, (c, m) -> {
            rsvpStore.anonymise(c, m);
            profileStore.delete(c, m);
            outgoingRsvps.forget(c, m);
            subscriptions.forget(c, m);
        }, compactor::erased);
        MemberImportService imports = new MemberImportService(tx, new MemberImportStore(), memberService, audit, clock);
        BooleanSupplier secure = () -> "https".equals(origin.uri().getScheme());
        Sessions sessions = new Sessions(sessionService, secure);
        Csrf csrf = new Csrf(random, origin::uri, secure);
        ApiAuth apiAuth = new ApiAuth(config.configuredAdminToken(), sessions, csrf);
        DeliveryQueueService deliveryQueue = new DeliveryQueueService(tx, deliveryStore, peerHealth, worker, clock);
        AnnouncementService announcements = new AnnouncementService(tx, new AnnouncementStore(), outbox, worker::wake, clock);

        Templates templates = new Templates();
        Pages pages = new Pages(templates, branches);
        SetupPages setupPages = new SetupPages(setup, branches, templates);
        WriteProbe writeProbe = new WriteProbe(database.dataSource(), clock);
        var components = new Routes.Components(
                new HealthEndpoint(database.dataSource(), ready::get, writeProbe),
                setupPages,
                new HomePages(branches, setup, setupPages, templates, origin, sessions, announcements, events),
                new ErrorHandlers(templates, writeProbe),
                new WebFingerEndpoint(actors, uris),
                new NodeInfoEndpoint(actors, uris, StartupChecks.version()),
                new ContextEndpoint(),
                new ActorEndpoint(actors, new ActorMapper(uris), uris, codec, tx, followStore, peerPolicy::manualApproval),
                new InboxEndpoint(pipeline, processor, origin),
                new FollowsEndpoint(followService, apiAuth),
                new AnnouncementsEndpoint(announcements, uris, apiAuth),
                new EventsEndpoint(events, uris, apiAuth),
                new CampaignsEndpoint(campaigns, uris, apiAuth),
                new FederationPolicyEndpoint(peerPolicy, nodeSettings, apiAuth),
                new FollowRequestsEndpoint(followRequests, apiAuth),
                new DeliveriesEndpoint(deliveryQueue, apiAuth),
                new InboxDeadLettersEndpoint(deadLetters, apiAuth),
                new BackupEndpoint(new BackupService(database, config.dataDir(), audit, clock), apiAuth),
                new MembersEndpoint(memberService, apiAuth),
                new AccountPages(accounts, sessions, csrf, pages),
                new MemberPages(memberService, sessions, csrf, pages),
                new OrganiserPages(memberService, imports, sessions, csrf, pages),
                new AdminPages(followService, followRequests, deliveryQueue, deadLetters, nodeSettings, audit, sessions, csrf,
                        pages),
                new ObjectEndpoint(announcements, announcementMapper, events, eventMapper, campaigns, campaignMapper, outbox,
                        actors, codec),
                new CalendarFeeds(events, announcements, branches, uris),
                new EventPages(events, sessions, csrf, pages, clock),
                new FeedPages(profiles, sessions, csrf, pages, uris::authority),
                new CampaignPages(campaigns, events, sessions, csrf, pages, clock),
                new AnnouncementPages(announcements, sessions, csrf, pages));

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
        origin.bindToPortIfUnset(server.port());
        actors.instanceKeys();
        actors.branch();
        // An embedded database (file or memory) is opened by one process alone, so claims found at start are stale.
        worker.start(Database.isFileDatabase(config.jdbcUrl()) || config.jdbcUrl().startsWith("jdbc:hsqldb:mem:"));
        processor.start();
        retention.start();
        imports.resumeInterrupted();
        Node node = new Node(config, database, server, origin, setup, worker, http,
                new NodeInspector(tx, remoteObjects, inboxStore, deliveryStore, followStore, compactor, clock), processor,
                inboxInserts, retention, compactor);
        ready.set(true);
        LOG.info(() -> "Branchwork node " + branches.current().map(b -> "for " + b.name() + " ").orElse("")
                + "listening on port " + server.port() + ", public URL " + origin.uri());
        setup.code().ifPresent(code -> LOG.warning(() -> "This node is not set up yet. Open "
                + origin.uri() + "/setup?code=" + code + " to set it up (the code is valid until set-up is done)."));
        return node;
    }

    /** The port the server listens on (the real one when 0 was configured). */
    public int port() {
        return server.port();
    }

    public PublicOrigin origin() {
        return origin;
    }

    public NodeConfig config() {
        return config;
    }

    /** The first-run set-up code, while the node still needs setting up. */
    public Optional<String> setupCode() {
        return setup.code();
    }

    /** Stops accepting requests, lets running ones finish, then shuts the database down cleanly. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop();
        inboxInserts.close();
        retention.close();
        compactor.close();
        processor.close();
        worker.close();
        try {
            http.close();
        } catch (java.io.IOException e) {
            LOG.fine(() -> "Closing the HTTP client: " + e.getMessage());
        }
        database.close();
        LOG.info("Branchwork node stopped");
    }
}
