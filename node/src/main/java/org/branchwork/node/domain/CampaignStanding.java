package org.branchwork.node.domain;

import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * Where a campaign stands, as its owner sees it from signed activities only: the branches that
 * adopted it, the events they linked to it, participants (RSVPs) and attendance (checked in, as
 * the branches reported after their events), and progress against each goal.
 */
public record CampaignStanding(
        Campaign campaign,
        List<Adopter> adopters,
        List<LinkedEvent> events,
        int participants,
        int attended,
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
     * {@code version} is the owner's time of that copy (its {@code updated}, else {@code published});
     * {@code attended} is its {@code bw:attendedCount}, null until the branch sent one.
     */
    public record LinkedEvent(
            URI event,
            URI branch,
            String name,
            Instant startsAt,
            int participants,
            Integer attended,
            boolean cancelled,
            Instant version) {}

    /** A goal with how far it got. */
    public record GoalProgress(Campaign.Goal goal, int progress) {}
}
