package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import org.branchwork.node.federation.inbound.Inbound;
import org.branchwork.node.federation.inbound.Outcome;
import org.branchwork.node.federation.inbound.OwnerProof;
import org.branchwork.node.federation.mapping.EmbeddedCopy;
import org.branchwork.node.federation.mapping.EventPollMapper;
import org.branchwork.node.federation.resolve.ActivityFetcher;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.service.HtmlContent;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.KeptQuery;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Event;
import org.branchwork.protocol.vocab.Origins;
import org.branchwork.protocol.vocab.Ref;

/**
 * {@code Create}, {@code Update}, {@code Delete} and {@code Announce} of content from actors the
 * branch follows, under the trust rules: an embedded object from another origin than the actor's
 * is not taken as given but fetched from its own origin, unless it carries a valid FEP-8b32 proof
 * by its owner; only an object's owner may update or delete it; an {@code Announce} of a foreign
 * object fetches the original (or takes the embedded copy on its owner's proof) (both Lemmy's wrapped
 * {@code Announce(Create(Note))}, FEP-1b12, and the plain {@code Announce(Note)} of Mastodon and
 * Mobilizon).
 */
public final class ContentHandlers {

    private static final Set<String> CONTENT_TYPES = Set.of("Note", "Article", "Event");

    private final Transactions tx;
    private final FollowStore follows;
    private final KeptQuery followedQuery;
    private final RemoteObjectStore objects;
    private final ActivityFetcher fetcher;
    private final OwnerProof ownerProof;
    private final CampaignHandlers campaigns;
    private final BroadcastHandlers broadcasts;
    private final ConsultationHandlers consultations;
    private final ActivityCodec codec;
    private final Clock clock;
    private final java.util.function.Predicate<URI> isLocal;

    /**
     * @param followedQuery {@link FollowStore#ACCEPTED_FOLLOWING} kept prepared: asked for every
     *                      {@code Create} and {@code Update} handled, so not compiled each time
     */
    public ContentHandlers(
            Transactions tx,
            FollowStore follows,
            KeptQuery followedQuery,
            RemoteObjectStore objects,
            ActivityFetcher fetcher,
            OwnerProof ownerProof,
            CampaignHandlers campaigns,
            BroadcastHandlers broadcasts,
            ConsultationHandlers consultations,
            ActivityCodec codec,
            java.util.function.Predicate<URI> isLocal,
            Clock clock) {
        this.isLocal = isLocal;
        this.followedQuery = followedQuery;
        this.ownerProof = ownerProof;
        this.campaigns = campaigns;
        this.broadcasts = broadcasts;
        this.consultations = consultations;
        this.tx = tx;
        this.follows = follows;
        this.objects = objects;
        this.fetcher = fetcher;
        this.codec = codec;
        this.clock = clock;
    }

    public Outcome create(Inbound in) {
        URI actor = in.actor();
        Optional<Ref> ref = in.activity().object();
        if (ref.isEmpty()) {
            return Outcome.ignored("Create without an object");
        }
        boolean followed = followed(actor);
        if (!followed && !namesOurCampaign(ref.get())) {
            return Outcome.ignored("not from an actor the branch follows");
        }
        AsObject object;
        try {
            object = trusted(ref.get(), actor, in.object());
        } catch (FetchException e) {
            return Outcome.fetchFailed(e, "");
        }
        if (broadcasts.isBroadcast(object)) {
            // Only from a node the branch follows (an accepted follow), checked above; kept apart from the feed.
            return followed
                    ? broadcasts.received(object, actor)
                    : Outcome.ignored("not from an actor the branch follows");
        }
        if (object instanceof org.branchwork.protocol.vocab.Question q
                && q.core().extensions().text(EventPollMapper.RSVP_FOR).isPresent()) {
            // Another branch's event poll (for Mastodon users' RSVPs): no consultation, not feed content.
            return Outcome.ignored("an event's RSVP poll is not a consultation");
        }
        if (object instanceof org.branchwork.protocol.vocab.Question q) {
            // Only from a node the branch follows (an accepted follow), checked above; not feed content.
            return followed
                    ? consultations.received(q, actor)
                    : Outcome.ignored("not from an actor the branch follows");
        }
        return handled(
                object, actor, followed, in.object(), in.activity().core().audience());
    }

    public Outcome update(Inbound in) {
        Activity update = in.activity();
        URI actor = in.actor();
        Optional<AsObject> embedded = update.object().flatMap(Ref::embedded);
        Optional<URI> id = update.object().flatMap(Ref::id);
        if (id.isEmpty()) {
            return Outcome.ignored("Update without an object");
        }
        Optional<RemoteObjectStore.RemoteObject> stored = tx.inTransaction(c -> objects.find(c, id.get()));
        if (stored.isPresent() && !stored.get().attributedTo().equals(actor)) {
            return Outcome.refused(actor + " does not own " + id.get());
        }
        if (stored.isEmpty() && !update.object().map(this::namesOurCampaign).orElse(false)) {
            return Outcome.ignored("Update of an object we do not have");
        }
        AsObject object;
        try {
            object = embedded.isPresent() && Origins.same(id.get(), actor) ? embedded.get() : fetcher.fetch(id.get());
        } catch (FetchException e) {
            return Outcome.fetchFailed(e, "");
        }
        return handled(
                object,
                actor,
                stored.isPresent(),
                in.object(),
                in.activity().core().audience());
    }

    /** A trusted object: counted for a campaign of ours when it is a linked event, stored when we follow its owner. */
    private Outcome handled(AsObject object, URI actor, boolean keep, EmbeddedCopy raw, Audience activityAudience) {
        Optional<Outcome> linked = object instanceof Event e && ownedBy(object, actor)
                ? campaigns.linkedEvent(e, actor)
                : Optional.empty();
        Optional<Outcome> kept = keep ? Optional.of(store(object, actor, raw, activityAudience)) : Optional.empty();
        if (linked.isPresent() && kept.isPresent()) {
            return linked.get().and(kept.get());
        }
        return linked.or(() -> kept).orElse(Outcome.ignored("not from an actor the branch follows"));
    }

    private boolean namesOurCampaign(Ref ref) {
        return ref.embedded()
                .filter(o -> o instanceof Event)
                .map(o -> campaigns.namesOurCampaign(o.core().context()))
                .orElse(false);
    }

    public Outcome delete(Inbound in) {
        URI actor = in.actor();
        Optional<URI> id = in.activity().object().flatMap(Ref::id);
        if (id.isEmpty()) {
            return Outcome.ignored("Delete without an object");
        }
        if (id.get().equals(actor)) {
            boolean removed =
                    tx.inTransaction(c -> follows.removeFollower(c, actor) | follows.removeFollowing(c, actor));
            return removed
                    ? Outcome.handled("actor deleted: follow relations removed")
                    : Outcome.ignored("deleted actor had no relation");
        }
        boolean unlinked = campaigns.eventDeleted(id.get(), actor);
        return tx.inTransaction(c -> {
            Optional<RemoteObjectStore.RemoteObject> stored = objects.find(c, id.get());
            if (stored.isEmpty()) {
                return unlinked
                        ? Outcome.handled("campaign event removed: " + id.get())
                        : Outcome.ignored("Delete of an object we do not have");
            }
            if (!stored.get().attributedTo().equals(actor)) {
                return Outcome.refused(actor + " does not own " + id.get());
            }
            objects.markDeleted(c, id.get(), clock.instant());
            return Outcome.handled("deleted: " + id.get());
        });
    }

    public Outcome announce(Inbound in) {
        URI actor = in.actor();
        Optional<Ref> ref = in.activity().object();
        if (ref.isEmpty()) {
            return Outcome.ignored("Announce without an object");
        }
        // FEP-1b12: a group wraps the activity; the content is the wrapped activity's object.
        Optional<URI> target = ref.get()
                .embedded()
                .filter(o -> o instanceof Activity)
                .flatMap(o -> ((Activity) o).object().flatMap(Ref::id))
                .or(() -> ref.get().id());
        if (target.isPresent() && isLocal.test(target.get())) {
            // A boost of one of ours (Mastodon boosts send the object's IRI, Lemmy wraps it): we hold
            // the original, so nothing is fetched or stored as received content, whoever boosted it.
            return Outcome.handled("boost of our own " + target.get() + " by " + actor);
        }
        if (!followed(actor)) {
            return Outcome.ignored("not from an actor the branch follows");
        }
        if (target.isEmpty()) {
            return Outcome.ignored("Announce of nothing we can fetch");
        }
        AsObject original;
        // The embedded copy only with its owner's proof: the announcer could have written anything into it.
        Optional<AsObject> embedded = ref.get().embedded().filter(o -> !(o instanceof Activity));
        if (embedded.isPresent()
                && embedded.get().id().equals(target)
                && ownerProof.proves(embedded.get(), in.object())) {
            original = embedded.get();
        } else {
            try {
                original = fetcher.fetch(target.get());
            } catch (FetchException e) {
                return Outcome.fetchFailed(e, "");
            }
        }
        URI author = original.core().attributedTo().stream()
                .findFirst()
                .flatMap(Ref::id)
                .orElse(null);
        return author == null
                ? Outcome.ignored("announced object has no author")
                : store(
                        original,
                        author,
                        original == embedded.orElse(null) ? in.object() : EmbeddedCopy.none(),
                        in.activity().core().audience());
    }

    private AsObject trusted(Ref ref, URI actor, EmbeddedCopy raw) throws FetchException {
        Optional<AsObject> embedded = ref.embedded();
        URI id = ref.id().orElseThrow(() -> new FetchException("object without an id", null));
        if (embedded.isPresent() && Origins.same(id, actor)) {
            return embedded.get(); // covered by the actor's own signature
        }
        if (embedded.isPresent() && ownerProof.proves(embedded.get(), raw)) {
            return embedded.get(); // FEP-8b32: its owner signed this very copy
        }
        return fetcher.fetch(id);
    }

    /** Whether the object is the actor's own: attributed to it and on its origin. */
    private static boolean ownedBy(AsObject object, URI actor) {
        URI id = object.id().orElse(null);
        URI author = object.core().attributedTo().stream()
                .findFirst()
                .flatMap(Ref::id)
                .orElse(null);
        return id != null && actor.equals(author) && Origins.same(id, author);
    }

    /** Campaigns travel as Articles that are also {@code bw:Campaign}s; we keep them apart. */
    static boolean isCampaign(AsObject object) {
        return object.core().types().stream()
                .anyMatch(t -> t.equals("bw:Campaign") || t.endsWith("branchwork#Campaign"));
    }

    /**
     * Whether anyone may see the object: by its own addressing, or, when it carries none, by the
     * activity's. A followers-only post or a direct message stays off every public page.
     */
    static boolean addressedToPublic(AsObject object, Audience activityAudience) {
        Audience own = object.core().audience();
        return own.all().isEmpty() ? activityAudience.isPublic() : own.isPublic();
    }

    /** Stores the object; {@code raw} is it as received, kept when it carries its owner's valid proof (for relaying). */
    private Outcome store(AsObject object, URI owner, EmbeddedCopy raw, Audience activityAudience) {
        if (!CONTENT_TYPES.contains(object.type())) {
            return Outcome.ignored("stored activity only: " + object.type() + " content is not kept");
        }
        if (!ownedBy(object, owner)) {
            return Outcome.refused(object.type() + " " + object.id().orElse(null) + " is not " + owner + "'s own");
        }
        URI id = object.id().orElseThrow();
        String kind = isCampaign(object) ? "Campaign" : object.type();
        String body = codec.write(object);
        RemoteObjectStore.Shown shown = shown(object);
        String signed = kind.equals("Campaign") && ownerProof.proves(object, raw)
                ? raw.json().orElseThrow().toString()
                : null;
        java.time.Instant version = object.core().updated() != null
                ? object.core().updated()
                : object.core().published();
        boolean saved = tx.inTransaction(c -> objects.save(
                c,
                id,
                kind,
                owner,
                body,
                shown,
                signed,
                version,
                addressedToPublic(object, activityAudience),
                clock.instant()));
        return saved
                ? Outcome.handled("stored " + kind + " " + id)
                : Outcome.ignored("a newer copy of " + id + " is held");
    }

    /** What the feed shows, with the HTML sanitised now: nothing a peer wrote reaches a page unsanitised. */
    private static RemoteObjectStore.Shown shown(AsObject object) {
        String html = HtmlContent.sanitise(object.core().content().best().orElse(""));
        java.time.Instant starts = object instanceof Event e ? e.startTime() : null;
        URI url = object.core().url().stream()
                .findFirst()
                .flatMap(Ref::id)
                .filter(u -> "https".equals(u.getScheme()) || "http".equals(u.getScheme()))
                .orElse(null);
        // A name is plain text: kept as sent, and escaped wherever it is shown.
        String name = object.core().name().best().map(ContentHandlers::label).orElse(null);
        return new RemoteObjectStore.Shown(name, html, starts, url);
    }

    /** A name as the feed keeps it: at most 500 characters, the column's size. */
    private static String label(String name) {
        return name.length() <= 500 ? name : name.substring(0, 499) + "\u2026";
    }

    private boolean followed(URI actor) {
        return follows.acceptedFollowing(followedQuery, actor);
    }
}
