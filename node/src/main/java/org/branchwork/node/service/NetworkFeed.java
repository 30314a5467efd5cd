package org.branchwork.node.service;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.branchwork.node.storage.AdoptedCampaignStore;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.storage.Transactions;

/**
 * What the network publishes, as the branch's home page and its members' dashboards show it: the
 * announcements and events of the accounts the branch follows, each labelled with where it comes
 * from, and only what they addressed to the public (anyone opens the home page). Those whose campaigns the branch adopted (national, in a movement) come first: their news
 * is what the branch signed up to act on.
 */
public final class NetworkFeed {

    /** The types a person reads as news or events; campaigns have their own list. */
    private static final Set<String> SHOWN = Set.of("Note", "Article", "Event", "Page", "Question");

    /** One entry: where it is from, in words, and the object as stored (its HTML sanitised). */
    public record Entry(String from, RemoteObjectStore.FeedItem item) {}

    private final Transactions tx;
    private final FollowStore follows;
    private final RemoteObjectStore remoteObjects;
    private final AdoptedCampaignStore adopted;
    private final Fediverse fediverse;

    public NetworkFeed(
            Transactions tx,
            FollowStore follows,
            RemoteObjectStore remoteObjects,
            AdoptedCampaignStore adopted,
            Fediverse fediverse) {
        this.tx = tx;
        this.follows = follows;
        this.remoteObjects = remoteObjects;
        this.adopted = adopted;
        this.fediverse = fediverse;
    }

    /** The latest {@code limit} entries, campaign owners' first, each part newest first. */
    public List<Entry> latest(int limit) {
        List<RemoteObjectStore.FeedItem> items = tx.inTransaction(c -> {
            List<URI> followed = follows.followings(c).stream()
                    .filter(f -> f.state().equals("accepted"))
                    .map(FollowStore.Following::actor)
                    .toList();
            Set<URI> owners = adopted.all(c).stream()
                    .filter(AdoptedCampaignStore.Adopted::active)
                    .map(AdoptedCampaignStore.Adopted::owner)
                    .collect(Collectors.toSet());
            List<RemoteObjectStore.FeedItem> found = new ArrayList<>();
            for (RemoteObjectStore.FeedItem i : remoteObjects.feed(c, followed, limit * 4)) {
                if (SHOWN.contains(i.type()) && i.isPublic()) {
                    found.add(i);
                }
            }
            found.sort(Comparator.comparing((RemoteObjectStore.FeedItem i) -> !owners.contains(i.attributedTo())));
            return found;
        });
        return items.stream()
                .limit(limit)
                .map(i -> new Entry(fediverse.label(i.attributedTo()), i))
                .toList();
    }
}
