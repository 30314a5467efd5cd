package org.branchwork.node.service;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.AdoptedCampaignStore;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.storage.Transactions;

/**
 * A branch's side of shared campaigns: those received from the nodes it follows, which it adopts
 * ({@code Join} to the owner, {@code Announce} to its followers), reports progress on and
 * withdraws from, and the ones its events may link to. The owner's side is {@link CampaignService}.
 */
public final class AdoptionService {

    /** A campaign received from another node, and whether this branch adopted it. */
    public record Received(RemoteObjectStore.FeedItem item, boolean adopted) {}

    /** A campaign this branch's events can belong to: one it adopted. */
    public record Linkable(URI id, String name) {}

    private final Transactions tx;
    private final AdoptedCampaignStore adopted;
    private final RemoteObjectStore remoteObjects;
    private final Fediverse fediverse;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;
    private final Clock clock;

    public AdoptionService(
            Transactions tx,
            AdoptedCampaignStore adopted,
            RemoteObjectStore remoteObjects,
            Fediverse fediverse,
            FederationOutbox outbox,
            Runnable afterCommit,
            Clock clock) {
        this.tx = tx;
        this.adopted = adopted;
        this.remoteObjects = remoteObjects;
        this.fediverse = fediverse;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /** Campaigns received from followed nodes, newest first, with this branch's adoption. */
    public List<Received> received(Acting who) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> {
            List<Received> out = new ArrayList<>();
            for (RemoteObjectStore.FeedItem item : remoteObjects.ofType(c, "Campaign", 200)) {
                out.add(new Received(
                        item,
                        adopted.find(c, item.id())
                                .map(AdoptedCampaignStore.Adopted::active)
                                .orElse(false)));
            }
            return out;
        });
    }

    /**
     * The campaigns this branch has adopted and not withdrawn from, newest first. Anyone may see
     * them: the branch announced each adoption publicly, and the briefs are public. Read from the
     * adoptions (a handful), not from every campaign received: every home page asks.
     */
    public List<RemoteObjectStore.FeedItem> adopted() {
        return tx.inTransaction(c -> {
            List<RemoteObjectStore.FeedItem> out = new ArrayList<>();
            for (AdoptedCampaignStore.Adopted a : adopted.all(c)) {
                if (a.active()) {
                    remoteObjects.feedItem(c, a.campaign()).ifPresent(out::add);
                }
            }
            out.sort(
                    Comparator.comparing(RemoteObjectStore.FeedItem::receivedAt).reversed());
            return out;
        });
    }

    /**
     * What an organiser may link an event to: the campaigns the branch adopted. Not this node's
     * own: their standing counts only what adopting branches report in signed activities, so an
     * own event linked to one would count for nothing, silently.
     */
    public List<Linkable> linkable(Acting who) {
        NotAllowed.unless(who, Role.ORGANISER);
        return adopted().stream()
                .map(i -> new Linkable(i.id(), i.shown().name()))
                .toList();
    }

    /** A received campaign as stored (its sanitised brief), if it reached this branch. */
    public Optional<RemoteObjectStore.FeedItem> receivedOne(Acting who, URI campaign) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> remoteObjects.feedItem(c, campaign))
                .filter(i -> i.type().equals("Campaign"));
    }

    /** Adopts a campaign received from another node; empty, or why not. */
    public Optional<String> adopt(Acting who, URI campaign) {
        NotAllowed.unless(who, Role.ORGANISER);
        Optional<RemoteObjectStore.RemoteObject> received = tx.inTransaction(c -> remoteObjects.find(c, campaign))
                .filter(o -> o.type().equals("Campaign") && !o.deleted());
        if (received.isEmpty()) {
            return Optional.of(
                    "No campaign " + campaign + " has reached this branch (follow the node that publishes it).");
        }
        Optional<Fediverse.EventOwner> owner = fediverse.ownerOf(campaign);
        if (owner.isEmpty()) {
            return Optional.of("The campaign's owner cannot be reached.");
        }
        tx.inTransaction(c -> {
            Optional<AdoptedCampaignStore.Adopted> existing =
                    adopted.find(c, campaign).filter(AdoptedCampaignStore.Adopted::active);
            if (existing.isPresent()) {
                return null;
            }
            String signed = remoteObjects.signedBody(c, campaign).orElse(null);
            URI joinId = outbox.publish(
                            c,
                            new DomainChange.CampaignAdopted(
                                    campaign, owner.get().inbox(), signed))
                    .orElseThrow();
            adopted.save(
                    c,
                    new AdoptedCampaignStore.Adopted(
                            campaign, owner.get().owner(), owner.get().inbox(), joinId, "adopted"),
                    clock.instant());
            return null;
        });
        afterCommit.run();
        return Optional.empty();
    }

    /** Reports this branch's progress on a reported goal of an adopted campaign; empty, or why not. */
    public Optional<String> report(Acting who, URI campaign, String goal, int amount) {
        NotAllowed.unless(who, Role.ORGANISER);
        if (goal == null || goal.isBlank() || amount < 0) {
            return Optional.of("A report names a goal and a number of at least 0.");
        }
        boolean sent = tx.inTransaction(c -> {
            Optional<AdoptedCampaignStore.Adopted> a =
                    adopted.find(c, campaign).filter(AdoptedCampaignStore.Adopted::active);
            if (a.isEmpty()) {
                return false;
            }
            outbox.publish(
                    c, new DomainChange.ProgressReported(campaign, a.get().ownerInbox(), goal.strip(), amount));
            return true;
        });
        if (!sent) {
            return Optional.of("This branch has not adopted that campaign.");
        }
        afterCommit.run();
        return Optional.empty();
    }

    /** Withdraws from a campaign; false when the branch had not adopted it. */
    public boolean withdraw(Acting who, URI campaign) {
        NotAllowed.unless(who, Role.ORGANISER);
        boolean withdrawn = tx.inTransaction(c -> {
            Optional<AdoptedCampaignStore.Adopted> existing =
                    adopted.find(c, campaign).filter(AdoptedCampaignStore.Adopted::active);
            if (existing.isEmpty()) {
                return false;
            }
            AdoptedCampaignStore.Adopted a = existing.get();
            outbox.publish(c, new DomainChange.CampaignWithdrawn(campaign, a.ownerInbox()));
            adopted.save(
                    c,
                    new AdoptedCampaignStore.Adopted(campaign, a.owner(), a.ownerInbox(), a.joinId(), "withdrawn"),
                    clock.instant());
            return true;
        });
        if (withdrawn) {
            afterCommit.run();
        }
        return withdrawn;
    }
}
