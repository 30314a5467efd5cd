package org.branchwork.node.service;

import java.net.URI;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.PublicProfile;
import org.branchwork.node.storage.OutgoingRsvpStore;
import org.branchwork.node.storage.PublicProfileStore;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.storage.SubscriptionStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.Pem;

/**
 * A member's reach beyond their branch: the opt-in public profile (a {@code Person} actor with a
 * handle and display name only), subscriptions to other branches and the feed they make, and RSVPs
 * to other branches' events, sent as {@code Join}/{@code Leave} signed by the member's actor.
 */
public final class ProfileService {

    /** A feed entry as the dashboard shows it: who it is from, and the stored, sanitised object. */
    public record FeedEntry(String from, RemoteObjectStore.FeedItem item, String rsvpState) {}

    private final Transactions tx;
    private final PublicProfileStore profiles;
    private final SubscriptionStore subscriptions;
    private final OutgoingRsvpStore outgoing;
    private final RemoteObjectStore remoteObjects;
    private final Fediverse fediverse;
    private final FederationOutbox outbox;
    private final Supplier<Optional<String>> branchSlug;
    private final Runnable afterCommit;
    private final SecureRandom random;
    private final Clock clock;

    public ProfileService(
            Transactions tx,
            PublicProfileStore profiles,
            SubscriptionStore subscriptions,
            OutgoingRsvpStore outgoing,
            RemoteObjectStore remoteObjects,
            Fediverse fediverse,
            FederationOutbox outbox,
            Supplier<Optional<String>> branchSlug,
            Runnable afterCommit,
            SecureRandom random,
            Clock clock) {
        this.tx = tx;
        this.profiles = profiles;
        this.subscriptions = subscriptions;
        this.outgoing = outgoing;
        this.remoteObjects = remoteObjects;
        this.fediverse = fediverse;
        this.outbox = outbox;
        this.branchSlug = branchSlug;
        this.afterCommit = afterCommit;
        this.random = random;
        this.clock = clock;
    }

    public Optional<PublicProfile> profileOf(MemberId member) {
        return tx.inTransaction(c -> profiles.ofMember(c, member))
                .map(p -> new PublicProfile(p.handle(), p.displayName()));
    }

    /** Publishes a profile with the member's display name (kept if they already have one). */
    public PublicProfile optIn(Member self) {
        Optional<PublicProfile> existing = profileOf(self.id());
        if (existing.isPresent()) {
            return existing.get();
        }
        KeyPair pair = KeyPairs.generateRsa(random); // outside the transaction: it takes a moment
        return tx.inTransaction(c -> {
            String handle;
            do {
                handle = handleFor(self.displayName());
            } while (profiles.byHandle(c, handle).isPresent()
                    || branchSlug.get().map(handle::equals).orElse(false));
            profiles.insert(
                    c,
                    new PublicProfileStore.Profile(
                            self.id(),
                            handle,
                            self.displayName(),
                            Pem.writePublicKey(pair.getPublic()),
                            Pem.writePrivateKey(pair.getPrivate())),
                    clock.instant());
            return new PublicProfile(handle, self.displayName());
        });
    }

    /** Withdraws the profile: the actor is gone (its IRI answers 410) and its key with it. */
    public boolean optOut(Member self) {
        return tx.inTransaction(c -> profiles.delete(c, self.id()));
    }

    /** Subscribes the member to a branch by handle or URL; the branch follows it once. Empty, or why not. */
    public Optional<String> subscribe(Member self, String handleOrUrl) {
        if (handleOrUrl == null || handleOrUrl.isBlank()) {
            return Optional.of("Give a branch's handle, such as @manchester@example.org.");
        }
        Fediverse.Followed followed = fediverse.followOnce(handleOrUrl.strip());
        if (followed.error() != null) {
            return Optional.of(followed.error());
        }
        tx.inTransaction(c -> subscriptions.add(c, self.id(), followed.actor(), clock.instant()));
        return Optional.empty();
    }

    public boolean unsubscribe(Member self, URI actor) {
        return tx.inTransaction(c -> subscriptions.remove(c, self.id(), actor));
    }

    /** The member's RSVPs to other branches' events, as "download my data" lists them. */
    public List<OutgoingRsvpStore.OutgoingRsvp> rsvpsElsewhere(Member self) {
        return tx.inTransaction(c -> outgoing.ofMember(c, self.id()));
    }

    public List<URI> subscriptions(Member self) {
        return tx.inTransaction(c -> subscriptions.ofMember(c, self.id()));
    }

    /** Announcements and events from the branches the member follows, newest first. */
    public List<FeedEntry> feed(Member self, int limit) {
        return tx.inTransaction(c -> {
            List<URI> actors = subscriptions.ofMember(c, self.id());
            List<FeedEntry> out = new ArrayList<>();
            for (RemoteObjectStore.FeedItem item : remoteObjects.feed(c, actors, limit)) {
                String state = item.type().equals("Event")
                        ? outgoing.of(c, self.id(), item.id())
                                .map(OutgoingRsvpStore.OutgoingRsvp::state)
                                .orElse(null)
                        : null;
                out.add(new FeedEntry(fediverse.label(item.attributedTo()), item, state));
            }
            return out;
        });
    }

    /** RSVPs to another branch's event: a {@code Join} from the member's public actor. Empty, or why not. */
    public Optional<String> rsvpElsewhere(Member self, URI event) {
        Optional<PublicProfile> profile = profileOf(self.id());
        if (profile.isEmpty()) {
            return Optional.of("To RSVP to another branch's event, first publish your public profile.");
        }
        Optional<Fediverse.EventOwner> owner = fediverse.ownerOf(event);
        if (owner.isEmpty()) {
            return Optional.of("That event could not be found.");
        }
        tx.inTransaction(c -> {
            URI joinId = outbox.publish(
                            c,
                            DomainChange.MemberRsvped.joining(
                                    profile.get(), event, owner.get().inbox()))
                    .orElseThrow();
            outgoing.save(
                    c,
                    new OutgoingRsvpStore.OutgoingRsvp(
                            joinId, self.id(), event, owner.get().owner(), "pending"),
                    clock.instant());
            return null;
        });
        afterCommit.run();
        return Optional.empty();
    }

    /** Withdraws an RSVP to another branch's event ({@code Leave}); false when there was none. */
    public boolean withdrawElsewhere(Member self, URI event) {
        Optional<PublicProfile> profile = profileOf(self.id());
        Optional<OutgoingRsvpStore.OutgoingRsvp> sent = tx.inTransaction(c -> outgoing.of(c, self.id(), event));
        if (profile.isEmpty() || sent.isEmpty() || sent.get().state().equals("withdrawn")) {
            return false;
        }
        Optional<Fediverse.EventOwner> owner = fediverse.ownerOf(event);
        if (owner.isEmpty()) {
            return false;
        }
        tx.inTransaction(c -> {
            outgoing.answer(c, sent.get().joinId(), sent.get().eventOwner(), "withdrawn", clock.instant());
            outbox.publish(
                    c,
                    DomainChange.MemberRsvped.withdrawing(
                            profile.get(),
                            event,
                            owner.get().inbox(),
                            sent.get().joinId()));
            return null;
        });
        afterCommit.run();
        return true;
    }

    /** The state of the member's RSVP to a remote event, if they sent one. */
    public Optional<String> rsvpStateElsewhere(MemberId member, URI event) {
        return tx.inTransaction(c -> outgoing.of(c, member, event)).map(OutgoingRsvpStore.OutgoingRsvp::state);
    }

    /** The event's owner answered one of our members' {@code Join}s; false when it was not theirs to answer. */
    public boolean joinAnswered(URI joinId, URI owner, boolean accepted) {
        return tx.inTransaction(
                c -> outgoing.answer(c, joinId, owner, accepted ? "accepted" : "rejected", clock.instant()));
    }

    /** Whether this id is a {@code Join} one of our members sent. */
    public boolean isOurJoin(URI id) {
        return tx.inTransaction(c -> outgoing.byJoin(c, id)).isPresent();
    }

    private String handleFor(String displayName) {
        String base = Normalizer.normalize(displayName == null ? "" : displayName, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (base.isEmpty()) {
            base = "member";
        }
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        String alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            suffix.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return base + "_" + suffix;
    }
}
