package org.branchwork.node.service;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.CampaignStanding;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.AdoptedCampaignStore;
import org.branchwork.node.storage.CampaignStore;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.storage.Transactions;

/**
 * Shared campaigns, from both ends. The owner publishes them and learns, from signed activities
 * only, who adopted them (a {@code Join} from a branch {@code Group}), which events branches
 * linked to them (their own {@code Create}/{@code Update} of an {@code Event} whose
 * {@code context} is the campaign) and how many people came; goals of events and participants
 * count themselves. A branch sees campaigns from nodes it follows and adopts or withdraws.
 */
public final class CampaignService {

    /** A created or edited campaign, or why not. */
    public record Result(Campaign campaign, List<FieldError> errors) {}

    /** A campaign received from another node, and whether this branch adopted it. */
    public record Received(RemoteObjectStore.FeedItem item, boolean adopted) {}

    /** A campaign this branch's events can belong to: one it adopted. */
    public record Linkable(URI id, String name) {}

    private final Transactions tx;
    private final CampaignStore campaigns;
    private final AdoptedCampaignStore adopted;
    private final RemoteObjectStore remoteObjects;
    private final Fediverse fediverse;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;

    private final Clock clock;

    public CampaignService(
            Transactions tx,
            CampaignStore campaigns,
            AdoptedCampaignStore adopted,
            RemoteObjectStore remoteObjects,
            Fediverse fediverse,
            FederationOutbox outbox,
            Runnable afterCommit,
            Clock clock) {
        this.tx = tx;
        this.campaigns = campaigns;
        this.adopted = adopted;
        this.remoteObjects = remoteObjects;
        this.fediverse = fediverse;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    // The owner's side.

    public Result create(Acting who, CampaignInput input) {
        NotAllowed.unless(who, Role.ORGANISER);
        CampaignInput.Checked k = input.check();
        if (!k.valid()) {
            return new Result(null, k.errors());
        }
        Campaign campaign = k.campaign(CampaignId.random(), false, clock.instant(), null);
        tx.inTransaction(c -> {
            campaigns.insert(c, campaign);
            outbox.publish(c, new DomainChange.CampaignPublished(campaign));
            return null;
        });
        afterCommit.run();
        return new Result(campaign, List.of());
    }

    /** Replaces the brief; every follower (adopters among them) gets the {@code Update}. */
    public Optional<Result> edit(Acting who, CampaignId id, CampaignInput input) {
        NotAllowed.unless(who, Role.ORGANISER);
        CampaignInput.Checked k = input.check();
        Optional<Campaign> current = find(id);
        if (current.isEmpty() || !k.valid()) {
            return current.map(c -> new Result(null, k.errors()));
        }
        Campaign campaign = k.campaign(id, current.get().ended(), current.get().published(), clock.instant());
        tx.inTransaction(c -> {
            campaigns.moveReports(c, id, reportsMoved(current.get().goals(), campaign.goals()));
            campaigns.update(c, campaign);
            outbox.publish(c, new DomainChange.CampaignEdited(campaign));
            return null;
        });
        afterCommit.run();
        return Optional.of(new Result(campaign, List.of()));
    }

    /**
     * Where branches' reports go when the goals change: a reported goal keeps its reports under
     * its name, wherever it now stands; one removed, renamed or now counting itself loses them
     * (branches report again against what the campaign now asks).
     */
    static java.util.Map<Integer, Integer> reportsMoved(List<Campaign.Goal> before, List<Campaign.Goal> after) {
        java.util.Map<Integer, Integer> moved = new java.util.HashMap<>();
        for (int i = 0; i < before.size(); i++) {
            for (int j = 0; j < after.size(); j++) {
                if (before.get(i).label().equals(after.get(j).label())
                        && after.get(j).metric() == Campaign.Metric.REPORTED
                        && before.get(i).metric() == Campaign.Metric.REPORTED) {
                    moved.put(i, j);
                    break;
                }
            }
        }
        return moved;
    }

    /** Marks the campaign ended; followers get the {@code Update}. */
    public Optional<Campaign> close(Acting who, CampaignId id) {
        NotAllowed.unless(who, Role.ORGANISER);
        Optional<Campaign> closed = tx.inTransaction(c -> {
            Optional<Campaign> current = campaigns.find(c, id);
            if (current.isEmpty() || current.get().ended()) {
                return current;
            }
            Campaign k = current.get();
            Campaign ended = new Campaign(
                    id,
                    k.title(),
                    k.summary(),
                    k.markdown(),
                    k.content(),
                    k.callToAction(),
                    k.hashtag(),
                    k.suggested(),
                    k.startsOn(),
                    k.endsOn(),
                    true,
                    k.goals(),
                    k.resources(),
                    k.published(),
                    clock.instant());
            campaigns.update(c, ended);
            outbox.publish(c, new DomainChange.CampaignEdited(ended));
            return Optional.of(ended);
        });
        afterCommit.run();
        return closed;
    }

    public Optional<Campaign> find(CampaignId id) {
        return tx.inTransaction(c -> campaigns.find(c, id));
    }

    public List<Campaign> all() {
        return tx.inTransaction(campaigns::all);
    }

    /** Adopters, linked events, participants and goal progress, from what has been recorded. */
    public Optional<CampaignStanding> standing(CampaignId id) {
        return tx.inTransaction(c -> {
            Optional<Campaign> campaign = campaigns.find(c, id);
            if (campaign.isEmpty()) {
                return Optional.<CampaignStanding>empty();
            }
            List<CampaignStanding.LinkedEvent> events = campaigns.events(c, id);
            int participants = events.stream()
                    .mapToInt(CampaignStanding.LinkedEvent::participants)
                    .sum();
            long held = events.stream().filter(e -> !e.cancelled()).count();
            List<CampaignStanding.GoalProgress> goals = new ArrayList<>();
            for (int i = 0; i < campaign.get().goals().size(); i++) {
                Campaign.Goal g = campaign.get().goals().get(i);
                int progress = switch (g.metric()) {
                    case EVENTS -> (int) held;
                    case PARTICIPANTS -> participants;
                    case REPORTED -> campaigns.reported(c, id, i);
                };
                goals.add(new CampaignStanding.GoalProgress(g, progress));
            }
            return Optional.of(
                    new CampaignStanding(campaign.get(), campaigns.adopters(c, id), events, participants, goals));
        });
    }

    /**
     * A branch's verified {@code Join}; the caller has checked that a branch {@code Group} signed
     * it. Recorded once (a second Join of an adopter changes nothing) and answered {@code Accept}.
     */
    public Effect branchJoined(CampaignId id, URI branch, String name, URI inbox, URI joinId) {
        Effect outcome = tx.inTransaction(c -> {
            Optional<Campaign> campaign = campaigns.find(c, id);
            if (campaign.isEmpty()) {
                return Effect.unchanged("no such campaign");
            }
            if (campaign.get().ended()) {
                return Effect.refused("the campaign has ended");
            }
            boolean added = campaigns.adopt(c, id, branch, name, joinId, clock.instant());
            outbox.publish(c, new DomainChange.AdoptionAccepted(campaign.get(), branch, inbox, joinId));
            return added
                    ? Effect.changed("campaign adopted by " + branch)
                    : Effect.unchanged(branch + " had already adopted it");
        });
        afterCommit.run();
        return outcome;
    }

    /** A branch's {@code Leave}: it drops out, and its events with it. */
    public Effect branchLeft(CampaignId id, URI branch) {
        boolean left = tx.inTransaction(c -> campaigns.withdraw(c, id, branch, clock.instant()));
        return left
                ? Effect.changed("campaign withdrawn by " + branch)
                : Effect.unchanged(branch + " had not adopted it");
    }

    /**
     * An event a branch linked to the campaign, from that branch's own signed activity (the
     * caller has checked the event is the actor's own). Counted only while the branch has the
     * campaign adopted.
     */
    public Effect linkedEvent(CampaignId id, CampaignStanding.LinkedEvent event) {
        return tx.inTransaction(c -> {
            if (!campaigns.isAdopter(c, id, event.branch())) {
                return Effect.refused(event.branch() + " has not adopted the campaign");
            }
            Optional<URI> owner = campaigns.eventOwner(c, event.event());
            if (owner.isPresent() && !owner.get().equals(event.branch())) {
                return Effect.refused(event.event() + " belongs to " + owner.get());
            }
            return campaigns.saveEvent(c, id, event, clock.instant())
                    ? Effect.changed("campaign event recorded: " + event.event())
                    : Effect.unchanged("a newer copy of " + event.event() + " is held");
        });
    }

    /**
     * A branch's signed report on a goal that does not count itself ("2,000 conversations"): its
     * latest report replaces its earlier one. Only adopters report, only on reported goals.
     */
    public Effect progressReported(CampaignId id, URI branch, String goalName, int amount) {
        return tx.inTransaction(c -> {
            Optional<Campaign> campaign = campaigns.find(c, id);
            if (campaign.isEmpty()) {
                return Effect.unchanged("no such campaign");
            }
            if (!campaigns.isAdopter(c, id, branch)) {
                return Effect.refused(branch + " has not adopted the campaign");
            }
            List<Campaign.Goal> goals = campaign.get().goals();
            for (int i = 0; i < goals.size(); i++) {
                if (goals.get(i).label().equals(goalName)) {
                    if (goals.get(i).metric() != Campaign.Metric.REPORTED) {
                        return Effect.refused("the goal " + goalName + " counts itself from linked events");
                    }
                    if (amount < 0) {
                        return Effect.refused("a report is a number of at least 0");
                    }
                    campaigns.report(c, id, i, branch, amount, clock.instant());
                    return Effect.changed("progress reported by " + branch + ": " + goalName + " = " + amount);
                }
            }
            return Effect.refused("the campaign has no goal " + goalName);
        });
    }

    /** The owning branch deleted a linked event. */
    public boolean linkedEventDeleted(URI event, URI branch) {
        return tx.inTransaction(c -> campaigns.deleteEvent(c, event, branch));
    }

    // A branch's side.

    /** Campaigns received from followed nodes, newest first, with this branch's adoption. */
    public List<Received> received(Acting who) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> {
            List<Received> out = new ArrayList<>();
            for (RemoteObjectStore.FeedItem item : remoteObjects.ofType(c, "Campaign", 200)) {
                out.add(new Received(
                        item,
                        adopted.find(c, item.id())
                                .map(AdoptedCampaignStore.Adopted::active)
                                .orElse(false)));
            }
            return out;
        });
    }

    /**
     * The campaigns this branch has adopted and not withdrawn from, newest first. Anyone may see
     * them: the branch announced each adoption publicly, and the briefs are public.
     */
    public List<RemoteObjectStore.FeedItem> adopted() {
        return tx.inTransaction(c -> {
            List<RemoteObjectStore.FeedItem> out = new ArrayList<>();
            for (RemoteObjectStore.FeedItem item : remoteObjects.ofType(c, "Campaign", 200)) {
                if (adopted.find(c, item.id())
                        .map(AdoptedCampaignStore.Adopted::active)
                        .orElse(false)) {
                    out.add(item);
                }
            }
            return out;
        });
    }

    /**
     * What an organiser may link an event to: the campaigns the branch adopted. Not this node's
     * own: their standing counts only what adopting branches report in signed activities, so an
     * own event linked to one would count for nothing, silently.
     */
    public List<Linkable> linkable(Acting who) {
        NotAllowed.unless(who, Role.ORGANISER);
        return adopted().stream()
                .map(i -> new Linkable(i.id(), i.shown().name()))
                .toList();
    }

    /** A received campaign as stored (its sanitised brief), if it reached this branch. */
    public Optional<RemoteObjectStore.FeedItem> receivedOne(Acting who, URI campaign) {
        return received(who).stream()
                .map(Received::item)
                .filter(i -> i.id().equals(campaign))
                .findFirst();
    }

    /** Adopts a campaign received from another node; empty, or why not. */
    public Optional<String> adopt(Acting who, URI campaign) {
        NotAllowed.unless(who, Role.ORGANISER);
        Optional<RemoteObjectStore.RemoteObject> received = tx.inTransaction(c -> remoteObjects.find(c, campaign))
                .filter(o -> o.type().equals("Campaign") && !o.deleted());
        if (received.isEmpty()) {
            return Optional.of(
                    "No campaign " + campaign + " has reached this branch (follow the node that publishes it).");
        }
        Optional<Fediverse.EventOwner> owner = fediverse.ownerOf(campaign);
        if (owner.isEmpty()) {
            return Optional.of("The campaign's owner cannot be reached.");
        }
        tx.inTransaction(c -> {
            Optional<AdoptedCampaignStore.Adopted> existing =
                    adopted.find(c, campaign).filter(AdoptedCampaignStore.Adopted::active);
            if (existing.isPresent()) {
                return null;
            }
            String signed = remoteObjects.signedBody(c, campaign).orElse(null);
            URI joinId = outbox.publish(
                            c,
                            new DomainChange.CampaignAdopted(
                                    campaign, owner.get().inbox(), signed))
                    .orElseThrow();
            adopted.save(
                    c,
                    new AdoptedCampaignStore.Adopted(
                            campaign, owner.get().owner(), owner.get().inbox(), joinId, "adopted"),
                    clock.instant());
            return null;
        });
        afterCommit.run();
        return Optional.empty();
    }

    /** Reports this branch's progress on a reported goal of an adopted campaign; empty, or why not. */
    public Optional<String> report(Acting who, URI campaign, String goal, int amount) {
        NotAllowed.unless(who, Role.ORGANISER);
        if (goal == null || goal.isBlank() || amount < 0) {
            return Optional.of("A report names a goal and a number of at least 0.");
        }
        boolean sent = tx.inTransaction(c -> {
            Optional<AdoptedCampaignStore.Adopted> a =
                    adopted.find(c, campaign).filter(AdoptedCampaignStore.Adopted::active);
            if (a.isEmpty()) {
                return false;
            }
            outbox.publish(
                    c, new DomainChange.ProgressReported(campaign, a.get().ownerInbox(), goal.strip(), amount));
            return true;
        });
        if (!sent) {
            return Optional.of("This branch has not adopted that campaign.");
        }
        afterCommit.run();
        return Optional.empty();
    }

    /** Withdraws from a campaign; false when the branch had not adopted it. */
    public boolean withdraw(Acting who, URI campaign) {
        NotAllowed.unless(who, Role.ORGANISER);
        boolean withdrawn = tx.inTransaction(c -> {
            Optional<AdoptedCampaignStore.Adopted> existing =
                    adopted.find(c, campaign).filter(AdoptedCampaignStore.Adopted::active);
            if (existing.isEmpty()) {
                return false;
            }
            AdoptedCampaignStore.Adopted a = existing.get();
            outbox.publish(c, new DomainChange.CampaignWithdrawn(campaign, a.ownerInbox()));
            adopted.save(
                    c,
                    new AdoptedCampaignStore.Adopted(campaign, a.owner(), a.ownerInbox(), a.joinId(), "withdrawn"),
                    clock.instant());
            return true;
        });
        if (withdrawn) {
            afterCommit.run();
        }
        return withdrawn;
    }
}
