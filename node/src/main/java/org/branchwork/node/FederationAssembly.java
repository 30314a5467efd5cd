package org.branchwork.node;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.federation.DeliveryQueueService;
import org.branchwork.node.federation.FediverseDirectory;
import org.branchwork.node.federation.FollowService;
import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.federation.local.LocalObjectSigner;
import org.branchwork.node.federation.mapping.AnnouncementMapper;
import org.branchwork.node.federation.mapping.BroadcastMapper;
import org.branchwork.node.federation.mapping.CampaignMapper;
import org.branchwork.node.federation.mapping.ConsultationMapper;
import org.branchwork.node.federation.mapping.EventMapper;
import org.branchwork.node.federation.mapping.EventPollMapper;
import org.branchwork.node.federation.mapping.RsvpMapper;
import org.branchwork.node.federation.outbound.DeliveryWorker;
import org.branchwork.node.federation.outbound.InboxClient;
import org.branchwork.node.federation.outbound.OutboundPublisher;
import org.branchwork.node.federation.outbound.PeerHealth;
import org.branchwork.node.federation.resolve.ActivityFetcher;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteHttpClient;
import org.branchwork.node.federation.resolve.SsrfGuard;
import org.branchwork.node.federation.resolve.WebFingerClient;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.PeerPolicy;
import org.branchwork.node.storage.AdoptedCampaignStore;
import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.PeerHostStore;
import org.branchwork.node.storage.PeerPolicyStore;
import org.branchwork.node.storage.PollVoteStore;
import org.branchwork.node.storage.RemoteObjectStore;

/**
 * The node's reach outwards: the one HTTP client, federation policy, fetching and resolving remote
 * actors, the outbox and the delivery queue with its worker, and following other actors.
 */
record FederationAssembly(
        RemoteHttpClient http,
        PeerPolicy peerPolicy,
        ActivityFetcher fetcher,
        ActorResolver resolver,
        FollowStore followStore,
        DeliveryStore deliveryStore,
        RemoteObjectStore remoteObjects,
        AdoptedCampaignStore adoptedCampaigns,
        OutboundPublisher.Mappers mappers,
        LocalObjectSigner signer,
        OutboundPublisher outbox,
        DeliveryWorker worker,
        DeliveryQueueService deliveryQueue,
        FollowService followService,
        FediverseDirectory fediverse) {

    static FederationAssembly build(Foundation f) {
        NodeConfig config = f.config();
        RemoteHttpClient http = new RemoteHttpClient(
                new SsrfGuard(config.allowPrivateAddresses()),
                "Branchwork/" + StartupChecks.version() + " (+"
                        + (config.publicUrl() == null ? "local" : config.publicUrl()) + ")",
                8);
        PeerPolicy peerPolicy = new PeerPolicy(f.tx(), new PeerPolicyStore(), f.clock());
        LocalActors actors = f.actors();
        ActivityFetcher fetcher =
                new ActivityFetcher(http, f.codec(), () -> actors.instanceKeys().rsa(), peerPolicy::refusal, f.clock());
        ActorResolver resolver = new ActorResolver(fetcher, f.clock());
        FollowStore followStore = new FollowStore();
        DeliveryStore deliveryStore = new DeliveryStore();
        AdoptedCampaignStore adoptedCampaigns = new AdoptedCampaignStore();
        LocalUris uris = f.uris();
        OutboundPublisher.Mappers mappers = new OutboundPublisher.Mappers(
                new AnnouncementMapper(uris),
                new EventMapper(uris, f.clock()),
                new CampaignMapper(uris),
                new RsvpMapper(uris),
                new BroadcastMapper(uris),
                new ConsultationMapper(uris, org.branchwork.node.service.HtmlContent::fromMarkdown),
                new EventPollMapper(uris));
        LocalObjectSigner signer = new LocalObjectSigner(f.codec(), actors, f.clock());
        OutboundPublisher outbox = new OutboundPublisher(
                deliveryStore,
                followStore,
                f.codec(),
                actors,
                uris,
                mappers,
                signer,
                adoptedCampaigns,
                new PollVoteStore(),
                f.clock());
        PeerHealth peerHealth = new PeerHealth(f.tx(), new PeerHostStore(), f.clock());
        DeliveryWorker worker = new DeliveryWorker(
                f.tx(),
                deliveryStore,
                new InboxClient(http, peerHealth, f.clock()),
                signAs -> signAs == null
                        ? actors.branch().map(b -> b.keys().rsa())
                        : actors.person(signAs).map(LocalActors.PersonActor::rsa),
                peerPolicy::refusal,
                f.newRetrySchedule(),
                peerHealth,
                f.clock(),
                followStore::removeFollowersAt);
        DeliveryQueueService deliveryQueue =
                new DeliveryQueueService(f.tx(), deliveryStore, peerHealth, worker, f.clock());
        RemoteObjectStore remoteObjects = new RemoteObjectStore();
        FollowService followService = new FollowService(
                actors,
                uris,
                new WebFingerClient(http, config.allowPrivateAddresses()),
                resolver,
                f.tx(),
                followStore,
                outbox,
                worker,
                f.clock());
        FediverseDirectory fediverse = new FediverseDirectory(followService, resolver, fetcher, f.tx(), remoteObjects);
        return new FederationAssembly(
                http,
                peerPolicy,
                fetcher,
                resolver,
                followStore,
                deliveryStore,
                remoteObjects,
                adoptedCampaigns,
                mappers,
                signer,
                outbox,
                worker,
                deliveryQueue,
                followService,
                fediverse);
    }
}
