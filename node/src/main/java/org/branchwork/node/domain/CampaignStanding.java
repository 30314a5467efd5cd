package org.branchwork.node.domain;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Where a campaign stands, as its owner sees it from signed activities only: the branches that
 * adopted it, the events they linked to it, participants, and progress against each goal.
 */
public record CampaignStanding(
        Campaign campaign,
        List<Adopter> adopters,
        List<LinkedEvent> events,
        int participants,
        List<GoalProgress> goals) {

    public CampaignStanding {
        adopters = List.copyOf(adopters);
        events = List.copyOf(events);
        goals = List.copyOf(goals);
    }

    /** A branch that took the campaign up. */
    public record Adopter(URI branch, String name, Instant adoptedAt) {}

    /**
     * An event a branch linked to the campaign, as its last signed Create or Update said;
     * {@code version} is the owner's time of that copy (its {@code updated}, else {@code published}).
     */
    public record LinkedEvent(
            URI event,
            URI branch,
            String name,
            Instant startsAt,
            int participants,
            boolean cancelled,
            Instant version) {}

    /** A goal with how far it got. */
    public record GoalProgress(Campaign.Goal goal, int progress) {}
}
