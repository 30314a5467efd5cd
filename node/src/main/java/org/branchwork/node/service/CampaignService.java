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
import org.branchwork.node.storage.CampaignStore;
import org.branchwork.node.storage.Transactions;

/**
 * Shared campaigns, the owner's side. The owner publishes them and learns, from signed activities
 * only, who adopted them (a {@code Join} from a branch {@code Group}), which events branches
 * linked to them (their own {@code Create}/{@code Update} of an {@code Event} whose
 * {@code context} is the campaign) and how many people came; goals of events and participants
 * count themselves. A branch's side (adopting, reporting, withdrawing) is {@link AdoptionService}.
 */
public final class CampaignService {

    /** A created or edited campaign, or why not. */
    public record Result(Campaign campaign, List<FieldError> errors) {}

    private final Transactions tx;
    private final CampaignStore campaigns;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;

    private final Clock clock;

    public CampaignService(
            Transactions tx, CampaignStore campaigns, FederationOutbox outbox, Runnable afterCommit, Clock clock) {
        this.tx = tx;
        this.campaigns = campaigns;
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

    /** Adopters, linked events, participants, attendance and goal progress, from what has been recorded. */
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
            int attended = events.stream()
                    .mapToInt(e -> e.attended() == null ? 0 : e.attended())
                    .sum();
            long held = events.stream().filter(e -> !e.cancelled()).count();
            List<CampaignStanding.GoalProgress> goals = new ArrayList<>();
            for (int i = 0; i < campaign.get().goals().size(); i++) {
                Campaign.Goal g = campaign.get().goals().get(i);
                int progress = switch (g.metric()) {
                    case EVENTS -> (int) held;
                    case PARTICIPANTS -> participants;
                    case ATTENDED -> attended;
                    case REPORTED -> campaigns.reported(c, id, i);
                };
                goals.add(new CampaignStanding.GoalProgress(g, progress));
            }
            return Optional.of(new CampaignStanding(
                    campaign.get(), campaigns.adopters(c, id), events, participants, attended, goals));
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
}
