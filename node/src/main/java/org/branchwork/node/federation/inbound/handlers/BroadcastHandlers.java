package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.util.Optional;

import org.branchwork.node.domain.BroadcastId;
import org.branchwork.node.federation.inbound.Inbound;
import org.branchwork.node.federation.inbound.Outcome;
import org.branchwork.node.federation.mapping.BroadcastMapper;
import org.branchwork.node.federation.mapping.BroadcastReport;
import org.branchwork.node.federation.mapping.BroadcastTerms;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.BroadcastService;
import org.branchwork.node.service.HtmlContent;
import org.branchwork.node.service.RelayService;
import org.branchwork.node.storage.ReceivedBroadcastStore;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Ref;

/**
 * National broadcasts over ActivityPub, both ends. A branch takes a broadcast {@code Article}
 * only from a node it follows (an accepted follow; {@link ContentHandlers} checks that and the
 * object's trust before handing it here) and only the sender's own. The sender takes a
 * {@code bw:BroadcastReport} added to one of its broadcasts, signed by the reporting branch (the
 * pipeline has checked that the signer is the actor); whether that branch received it, and
 * whether the report is newer than the one held, the service decides.
 */
public final class BroadcastHandlers {

    private final LocalUris uris;
    private final ActorResolver resolver;
    private final RelayService relay;
    private final BroadcastService broadcasts;

    public BroadcastHandlers(LocalUris uris, ActorResolver resolver, RelayService relay, BroadcastService broadcasts) {
        this.uris = uris;
        this.resolver = resolver;
        this.relay = relay;
        this.broadcasts = broadcasts;
    }

    /** Whether an object is a broadcast, to be handled here rather than stored as content. */
    public boolean isBroadcast(AsObject object) {
        return BroadcastTerms.isBroadcast(object);
    }

    /** A trusted broadcast (the actor's own, from a followed node): queued for the organisers. */
    public Outcome received(AsObject object, URI actor) {
        Optional<URI> id = object.id();
        Optional<URI> author = object.core().attributedTo().stream().findFirst().flatMap(Ref::id);
        if (id.isEmpty() || author.isEmpty() || !author.get().equals(actor)) {
            return Outcome.refused("a broadcast is relayed only from its own author, not from " + actor);
        }
        Optional<BroadcastTerms> terms = BroadcastTerms.read(object);
        if (terms.isEmpty()) {
            return Outcome.refused("a broadcast has a name (its subject) and a bw:audiencePurpose");
        }
        if (!BroadcastMapper.NATIONAL.equals(terms.get().purpose())) {
            return Outcome.ignored("a broadcast for purpose '" + terms.get().purpose() + "', which this node does not"
                    + " relay (only national)");
        }
        RemoteActor sender;
        try {
            sender = resolver.actor(actor);
        } catch (FetchException e) {
            return Outcome.fetchFailed(e, "cannot fetch " + actor + ": ");
        }
        BroadcastTerms t = terms.get();
        String subject = t.subject().length() <= 200 ? t.subject() : t.subject().substring(0, 199) + "\u2026";
        String markdown = t.markdown().length() <= 65_536 ? t.markdown() : "";
        String html = HtmlContent.sanitise(t.html());
        if (html.length() > 262_144) {
            return Outcome.refused("a broadcast's content is at most 256 KiB");
        }
        String name = sender.name() == null || sender.name().length() > 200 ? null : sender.name();
        return Outcome.of(relay.received(new ReceivedBroadcastStore.Arrived(
                id.get(), actor, name, sender.inbox(), subject, html, markdown, t.segment())));
    }

    /** Whether an {@code Add} is to one of our broadcasts (a branch's report) rather than to a campaign. */
    public boolean isReport(Inbound in) {
        return broadcastOf(in).isPresent();
    }

    /** A branch's signed report on one of our broadcasts. */
    public Outcome report(Inbound in) {
        BroadcastId id = broadcastOf(in).orElseThrow();
        Optional<BroadcastReport> report =
                in.activity().object().flatMap(Ref::embedded).flatMap(BroadcastReport::read);
        if (report.isEmpty()) {
            return Outcome.refused("a broadcast report is an embedded bw:BroadcastReport with bw:relayState, whole"
                    + " bw:sent, bw:failed and bw:unsubscribed, and updated");
        }
        BroadcastReport r = report.get();
        return Outcome.of(broadcasts.reported(id, in.actor(), r.state(), r.counts(), r.updated()));
    }

    private Optional<BroadcastId> broadcastOf(Inbound in) {
        return Optional.ofNullable(in.activity().target()).flatMap(Ref::id).flatMap(uris::broadcastIdOf);
    }
}
