package org.branchwork.node.web.view;

import java.util.List;

/**
 * The campaigns screen: the national organiser's morning dashboard (this node's campaigns with
 * their standing, a chart of adoption and events over time, upcoming events across the network,
 * each branch's status) and the campaigns received from the network, to adopt or withdraw.
 */
public record CampaignsView(
        String title,
        String csrf,
        List<Row> own,
        String chart,
        List<UpcomingRow> upcoming,
        List<BranchRow> branches,
        List<ReceivedRow> received,
        String notice,
        String error) {

    /** Mustache.java cannot test a list's first element: these say whether a list has any. */
    public boolean hasOwn() {
        return !own.isEmpty();
    }

    public boolean hasUpcoming() {
        return !upcoming.isEmpty();
    }

    public boolean hasReceived() {
        return !received.isEmpty();
    }

    /** One of this node's campaigns. */
    public record Row(
            String uuid,
            String title,
            String status,
            int adopters,
            int events,
            int participants,
            int attended,
            List<GoalRow> goals) {}

    public record GoalRow(String name, int progress, int target) {}

    /** A linked event; {@code attended} is "not reported" until its branch sends the count after it. */
    public record UpcomingRow(
            String when, String name, String branch, String campaign, int participants, String attended, String href) {}

    public record BranchRow(String branch, String href, int campaigns, int events, int participants, int attended) {}

    public record ReceivedRow(String id, String title, String from, boolean adopted, String href) {}
}
