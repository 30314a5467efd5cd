package org.branchwork.node.web.view;

import java.util.List;

/**
 * One campaign's page: the brief ({@code html} is sanitised), its goals, and either the owner's
 * view (adopters and linked events across the network, with a chart) or a branch's view (its own
 * events for the campaign and the adopt/withdraw and report forms).
 */
public record CampaignView(
        String title,
        String csrf,
        String id,
        String name,
        String dates,
        String html,
        String from,
        boolean owner,
        boolean adopted,
        List<CampaignsView.GoalRow> goals,
        String chart,
        List<CampaignsView.BranchRow> adopters,
        List<CampaignsView.UpcomingRow> events,
        List<CampaignsView.UpcomingRow> ownEvents,
        String notice,
        String error) {

    public boolean hasGoals() {
        return !goals.isEmpty();
    }
}
