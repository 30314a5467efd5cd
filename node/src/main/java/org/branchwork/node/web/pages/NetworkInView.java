package org.branchwork.node.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.service.AdoptionService;
import org.branchwork.node.service.CampaignService;
import org.branchwork.node.service.Fediverse;
import org.branchwork.node.service.NetworkFeed;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.web.Dates;
import org.branchwork.node.web.view.EventListView;

/**
 * The network as the branch's home page and its members' dashboards show it: the campaigns the
 * branch takes part in, and what the accounts it follows publish, each saying whose it is. Only
 * what was addressed to the public: the home page is open to anyone.
 */
public final class NetworkInView {

    private static final int NEWS_SHOWN = 10;

    private final CampaignService campaigns;
    private final AdoptionService adoptions;
    private final NetworkFeed network;
    private final Dates dates;

    public NetworkInView(CampaignService campaigns, AdoptionService adoptions, NetworkFeed network, Dates dates) {
        this.campaigns = campaigns;
        this.adoptions = adoptions;
        this.network = network;
        this.dates = dates;
    }

    /** This node's open campaigns, then those the branch adopted. */
    List<EventListView.Item> campaigns() {
        List<EventListView.Item> out = new ArrayList<>();
        campaigns.all().stream()
                .filter(k -> !k.ended())
                .forEach(k -> out.add(
                        new EventListView.Item("/campaigns/" + k.id().value(), k.title(), k.summary(), null, false)));
        adoptions.adopted().stream()
                .filter(RemoteObjectStore.FeedItem::isPublic)
                .forEach(i -> out.add(new EventListView.Item(
                        "/campaigns/network?id=" + URLEncoder.encode(i.id().toString(), StandardCharsets.UTF_8),
                        i.shown().name(),
                        "A campaign from " + Fediverse.handleLike(i.attributedTo()),
                        null,
                        false)));
        return out;
    }

    /** Announcements and events from the accounts the branch follows, campaign owners' first. */
    List<EventListView.Item> news() {
        return network.latest(NEWS_SHOWN).stream()
                .map(e -> new EventListView.Item(
                        Optional.ofNullable(e.item().shown().url())
                                .orElse(e.item().id())
                                .toString(),
                        e.item().shown().name(),
                        "From " + e.from()
                                + Optional.ofNullable(e.item().shown().startsAt())
                                        .map(t -> " · " + dates.shown(t))
                                        .orElse(""),
                        e.item().shown().safeHtml(),
                        false))
                .toList();
    }
}
