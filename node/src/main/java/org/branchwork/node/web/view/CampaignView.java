package org.branchwork.node.web.view;

import java.util.List;

/**
 * One campaign's page. The {@code brief} is for anyone; {@code owner} is there for this node's
 * organisers on one of its own campaigns (who took it up, the events linked across the network,
 * edit and close); {@code branch} on a campaign received from another node (this branch's events
 * for it and, for organisers, adopt, withdraw and report).
 */
public record CampaignView(
        String title, String csrf, String id, Brief brief, Owner owner, Branch branch, String notice) {

    /** The brief as the campaign gives it; {@code html} is sanitised. */
    public record Brief(
            String name,
            String from,
            String dates,
            boolean ended,
            String summary,
            String html,
            String callToAction,
            String hashtag,
            List<Link> resources,
            String suggested,
            List<CampaignsView.GoalRow> goals) {

        public boolean hasGoals() {
            return !goals.isEmpty();
        }

        public boolean hasResources() {
            return !resources.isEmpty();
        }
    }

    public record Link(String name, String href) {}

    public record Owner(
            boolean open,
            String chart,
            List<CampaignsView.BranchRow> adopters,
            List<CampaignsView.UpcomingRow> events) {}

    public record Branch(boolean organiser, boolean adopted, List<CampaignsView.UpcomingRow> ownEvents) {}
}
