package org.branchwork.node.web.view;

import java.util.List;

/** The branch's home page: its events, the campaigns it takes part in, what the network publishes, and its news. */
public record EventListView(
        String title,
        String csrf,
        List<Item> events,
        List<Item> campaigns,
        List<Item> network,
        List<Item> announcements,
        boolean organiser,
        String handle,
        boolean setupPending,
        String nextPage) {

    public boolean hasNetwork() {
        return !network.isEmpty();
    }

    public boolean hasCampaigns() {
        return !campaigns.isEmpty();
    }

    /** One entry: a link, a heading, a line of detail, and sanitised HTML when shown in full. */
    public record Item(String href, String heading, String detail, String html, boolean cancelled) {}
}
