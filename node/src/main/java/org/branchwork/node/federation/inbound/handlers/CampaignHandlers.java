package org.branchwork.node.federation.inbound.handlers;

import org.branchwork.node.federation.inbound.RetryLater;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.CampaignStanding;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.service.CampaignService;
import org.branchwork.protocol.vocab.Activity;
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

    /** Whether a {@code Join} or {@code Leave} is about one of our campaigns. */
    public boolean concernsCampaign(Activity activity) {
        return activity.object().flatMap(Ref::id).flatMap(uris::campaignIdOf).isPresent();
    }

    public String join(Activity join) {
        CampaignId campaign = join.object().flatMap(Ref::id).flatMap(uris::campaignIdOf).orElseThrow();
        URI actor = join.actor().id().orElseThrow();
        RemoteActor remote;
        try {
            remote = resolver.actor(actor);
        } catch (FetchException e) {
            return RetryLater.unlessFinal(e, "cannot fetch " + actor + ": ");
        }
        if (!"Group".equals(remote.type())) {
            return "refused: only a branch Group adopts a campaign, not a " + remote.type();
        }
        return campaigns.branchJoined(campaign, actor, remote.name(), remote.inbox(), join.id().orElseThrow());
    }

    /**
     * A branch's progress report: {@code Add} of a {@code bw:Goal} naming the goal, with
     * {@code bw:goalProgress}, to one of our campaigns (the {@code target}); read from the
     * document as received, since the terms are ours.
     */
    public String report(Activity add, com.fasterxml.jackson.databind.JsonNode document) {
        Optional<CampaignId> campaign = Optional.ofNullable(add.target()).flatMap(Ref::id).flatMap(uris::campaignIdOf);
        if (campaign.isEmpty()) {
            return "stored: Add to something that is not one of our campaigns";
        }
        com.fasterxml.jackson.databind.JsonNode goal = document.path("object");
        com.fasterxml.jackson.databind.JsonNode progress = goal.has("bw:goalProgress") ? goal.get("bw:goalProgress")
                : goal.path("goalProgress");
        if (!goal.path("name").isTextual() || !progress.canConvertToInt()) {
            return "refused: a progress report is a bw:Goal with a name and a whole bw:goalProgress";
        }
        return campaigns.progressReported(campaign.get(), add.actor().id().orElseThrow(), goal.get("name").asText(),
                progress.asInt());
    }

    public String leave(Activity leave) {
        CampaignId campaign = leave.object().flatMap(Ref::id).flatMap(uris::campaignIdOf).orElseThrow();
        return campaigns.branchLeft(campaign, leave.actor().id().orElseThrow());
    }

    /**
     * A trusted event (the actor's own, see ContentHandlers) that names one of our campaigns as
     * its {@code context}: counted for the actor's branch; empty when it names none of ours.
     */
    public Optional<String> linkedEvent(Event event, URI actor) {
        Optional<CampaignId> campaign = Optional.ofNullable(event.core().context()).flatMap(Ref::id)
                .flatMap(uris::campaignIdOf);
        if (campaign.isEmpty() || event.id().isEmpty()) {
            return Optional.empty();
        }
        Instant starts = event.startTime() != null ? event.startTime() : Instant.EPOCH;
        int participants = event.participantCount() == null ? 0 : Math.max(0, event.participantCount());
        String name = event.core().name().best().orElse(event.id().get().toString());
        Instant version = event.core().updated() != null ? event.core().updated() : event.core().published();
        return Optional.of(campaigns.linkedEvent(campaign.get(), new CampaignStanding.LinkedEvent(event.id().get(), actor, name,
                starts, participants, "CANCELLED".equals(event.status()), version)));
    }

    /** Whether an object named by a {@code Context} is one of our campaigns (to take events from non-followed branches). */
    public boolean namesOurCampaign(Ref context) {
        return context != null && context.id().flatMap(uris::campaignIdOf).isPresent();
    }

    public boolean eventDeleted(URI event, URI actor) {
        return campaigns.linkedEventDeleted(event, actor);
    }
}
