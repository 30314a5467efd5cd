package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.CampaignStanding;
import org.branchwork.node.federation.inbound.Inbound;
import org.branchwork.node.federation.inbound.Outcome;
import org.branchwork.node.federation.mapping.GoalReport;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.CampaignService;
import org.branchwork.protocol.vocab.Event;
import org.branchwork.protocol.vocab.Ref;

/**
 * The owner's side of campaigns over ActivityPub: {@code Join} of one of our campaigns counts as
 * an adoption only when a branch {@code Group} signed it (the pipeline has already checked that
 * the signer is the actor); {@code Leave} withdraws; events whose {@code context} is one of our
 * campaigns are counted from their owner's own {@code Create}/{@code Update}/{@code Delete}.
 */
public final class CampaignHandlers {

    private final LocalUris uris;
    private final ActorResolver resolver;
    private final CampaignService campaigns;

    public CampaignHandlers(LocalUris uris, ActorResolver resolver, CampaignService campaigns) {
        this.uris = uris;
        this.resolver = resolver;
        this.campaigns = campaigns;
    }

    /** A {@code Join} of one of our campaigns: an adoption, when a branch {@code Group} signed it. */
    public Outcome join(Inbound in) {
        CampaignId campaign = campaignOf(in);
        URI actor = in.actor();
        RemoteActor remote;
        try {
            remote = resolver.actor(actor);
        } catch (FetchException e) {
            return Outcome.fetchFailed(e, "cannot fetch " + actor + ": ");
        }
        if (!"Group".equals(remote.type())) {
            return Outcome.refused("only a branch Group adopts a campaign, not a " + remote.type());
        }
        return Outcome.of(campaigns.branchJoined(
                campaign,
                actor,
                remote.name(),
                remote.inbox(),
                in.activity().id().orElseThrow()));
    }

    /**
     * A branch's progress report: {@code Add} of a {@code bw:Goal} naming the goal, with
     * {@code bw:goalProgress}, to one of our campaigns (the {@code target}).
     */
    public Outcome report(Inbound in) {
        Optional<CampaignId> campaign =
                Optional.ofNullable(in.activity().target()).flatMap(Ref::id).flatMap(uris::campaignIdOf);
        if (campaign.isEmpty()) {
            return Outcome.ignored("Add to something that is not one of our campaigns");
        }
        Optional<GoalReport> report = GoalReport.read(in.object());
        if (report.isEmpty()) {
            return Outcome.refused("a progress report is a bw:Goal with a name and a whole bw:goalProgress");
        }
        return Outcome.of(campaigns.progressReported(
                campaign.get(), in.actor(), report.get().goal(), report.get().progress()));
    }

    /** A {@code Leave} of one of our campaigns: the branch withdraws. */
    public Outcome leave(Inbound in) {
        return Outcome.of(campaigns.branchLeft(campaignOf(in), in.actor()));
    }

    private CampaignId campaignOf(Inbound in) {
        return in.activity()
                .object()
                .flatMap(Ref::id)
                .flatMap(uris::campaignIdOf)
                .orElseThrow();
    }

    /**
     * A trusted event (the actor's own, see ContentHandlers) that names one of our campaigns as
     * its {@code context}: counted for the actor's branch; empty when it names none of ours.
     */
    public Optional<Outcome> linkedEvent(Event event, URI actor) {
        Optional<CampaignId> campaign =
                Optional.ofNullable(event.core().context()).flatMap(Ref::id).flatMap(uris::campaignIdOf);
        if (campaign.isEmpty() || event.id().isEmpty()) {
            return Optional.empty();
        }
        Instant starts = event.startTime() != null ? event.startTime() : Instant.EPOCH;
        int participants = event.participantCount() == null ? 0 : Math.max(0, event.participantCount());
        String name = event.core().name().best().orElse(event.id().get().toString());
        Instant version = event.core().updated() != null
                ? event.core().updated()
                : event.core().published();
        return Optional.of(Outcome.of(campaigns.linkedEvent(
                campaign.get(),
                new CampaignStanding.LinkedEvent(
                        event.id().get(),
                        actor,
                        name,
                        starts,
                        participants,
                        attended(event),
                        "CANCELLED".equals(event.status()),
                        version))));
    }

    /** The event's {@code bw:attendedCount}, when it carries a well-formed one. */
    private static Integer attended(Event event) {
        return event.core()
                .extensions()
                .get(org.branchwork.node.federation.mapping.EventMapper.ATTENDED_COUNT)
                .filter(n -> n.canConvertToInt() && n.asInt() >= 0)
                .map(n -> n.asInt())
                .orElse(null);
    }

    /** Whether an object named by a {@code Context} is one of our campaigns (to take events from non-followed branches). */
    public boolean namesOurCampaign(Ref context) {
        return context != null && context.id().flatMap(uris::campaignIdOf).isPresent();
    }

    public boolean eventDeleted(URI event, URI actor) {
        return campaigns.linkedEventDeleted(event, actor);
    }
}
