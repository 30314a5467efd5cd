package org.branchwork.node;

import org.branchwork.node.federation.InboxDeadLetters;
import org.branchwork.node.federation.inbound.HandlerRegistry;
import org.branchwork.node.federation.inbound.InboxPipeline;
import org.branchwork.node.federation.inbound.InboxProcessor;
import org.branchwork.node.federation.inbound.InboxRetention;
import org.branchwork.node.federation.inbound.OwnerProof;
import org.branchwork.node.federation.inbound.handlers.BroadcastHandlers;
import org.branchwork.node.federation.inbound.handlers.CampaignHandlers;
import org.branchwork.node.federation.inbound.handlers.ConsultationHandlers;
import org.branchwork.node.federation.inbound.handlers.ContentHandlers;
import org.branchwork.node.federation.inbound.handlers.FollowHandlers;
import org.branchwork.node.federation.inbound.handlers.InboundRoutes;
import org.branchwork.node.federation.inbound.handlers.PollRsvpHandlers;
import org.branchwork.node.federation.inbound.handlers.RsvpHandlers;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.GroupCommitter;
import org.branchwork.node.storage.InboxStore;
import org.branchwork.protocol.sig.HttpSignatureVerifier;
import org.branchwork.protocol.sig.SignaturePolicy;

/**
 * The inbox: the pipeline that checks and stores a POST, the route table of handlers, the
 * processor that handles what was stored (retries, dead letters), and retention.
 */
record InboxAssembly(
        InboxStore store,
        GroupCommitter<InboxStore.Received, Boolean> inserts,
        InboxPipeline pipeline,
        InboxProcessor processor,
        InboxDeadLetters deadLetters,
        InboxRetention retention) {

    static InboxAssembly build(
            Foundation f,
            FederationAssembly fed,
            ContentAssembly content,
            RelayAssembly relay,
            ConsultationAssembly consultations) {
        LocalUris uris = f.uris();
        OwnerProof ownerProof = new OwnerProof(fed.resolver());
        ConsultationHandlers consultationHandlers = new ConsultationHandlers(
                uris, fed.resolver(), ownerProof, consultations.takeUp(), consultations.network());
        CampaignHandlers campaignHandlers = new CampaignHandlers(uris, fed.resolver(), content.campaigns());
        BroadcastHandlers broadcastHandlers =
                new BroadcastHandlers(uris, fed.resolver(), relay.relay(), relay.broadcasts());
        ContentHandlers contentHandlers = new ContentHandlers(
                f.tx(),
                fed.followStore(),
                f.database().keep(FollowStore.ACCEPTED_FOLLOWING),
                fed.remoteObjects(),
                fed.fetcher(),
                ownerProof,
                campaignHandlers,
                broadcastHandlers,
                consultationHandlers,
                f.codec(),
                uris::isLocal,
                f.clock());
        FollowHandlers followHandlers = new FollowHandlers(
                f.actors(),
                uris,
                fed.resolver(),
                f.tx(),
                fed.followStore(),
                fed.followService(),
                fed.peerPolicy()::manualApproval,
                f.clock());
        RsvpHandlers rsvpHandlers = new RsvpHandlers(uris, fed.resolver(), content.attendance(), content.profiles());
        PollRsvpHandlers pollHandlers = new PollRsvpHandlers(uris, fed.resolver(), content.pollRsvps());
        HandlerRegistry routes = InboundRoutes.registry(
                uris,
                content.profiles()::isOurJoin,
                contentHandlers,
                campaignHandlers,
                broadcastHandlers,
                consultationHandlers,
                followHandlers,
                rsvpHandlers,
                pollHandlers);
        InboxStore store = new InboxStore();
        InboxProcessor processor =
                new InboxProcessor(f.tx(), store, f.codec(), routes, f.newRetrySchedule(), f.clock());
        GroupCommitter<InboxStore.Received, Boolean> inserts = new GroupCommitter<>(
                "inbox-inserts",
                f.tx(),
                (batch, received) -> store.insert(batch, received, f.clock().instant()));
        InboxPipeline pipeline = new InboxPipeline(
                f.codec(),
                new HttpSignatureVerifier(SignaturePolicy.defaults(), f.clock()),
                fed.resolver(),
                fed.peerPolicy(),
                f.origin()::uri,
                inserts);
        return new InboxAssembly(
                store,
                inserts,
                pipeline,
                processor,
                new InboxDeadLetters(processor),
                new InboxRetention(f.tx(), store, f.clock()));
    }
}
