package org.branchwork.node.web.view;

import java.util.List;

/**
 * A member's dashboard: their profile form ({@code form}), their consents' history in words, and
 * the network in view: the campaigns the branch takes part in and what the accounts it follows
 * publish; and the events they were checked in at.
 */
public record DashboardView(
        FormView form,
        List<EventListView.Item> campaigns,
        List<EventListView.Item> network,
        List<String> consents,
        List<AttendedEvent> attended) {

    public boolean hasAttended() {
        return !attended.isEmpty();
    }

    public boolean hasConsents() {
        return !consents.isEmpty();
    }

    public String title() {
        return form.title();
    }

    public boolean hasCampaigns() {
        return !campaigns.isEmpty();
    }

    public boolean hasNetwork() {
        return !network.isEmpty();
    }
}
