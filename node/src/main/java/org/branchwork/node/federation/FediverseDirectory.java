package org.branchwork.node.federation;

import java.net.URI;
import java.util.Optional;

import org.branchwork.node.federation.resolve.ActivityFetcher;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.service.Fediverse;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Ref;

/** The {@link Fediverse} port: member features' way to other nodes, through the follow service and the resolvers. */
public final class FediverseDirectory implements Fediverse {

    private final FollowService follows;
    private final ActorResolver resolver;
    private final ActivityFetcher fetcher;
    private final Transactions tx;
    private final RemoteObjectStore objects;

    public FediverseDirectory(
            FollowService follows,
            ActorResolver resolver,
            ActivityFetcher fetcher,
            Transactions tx,
            RemoteObjectStore objects) {
        this.follows = follows;
        this.resolver = resolver;
        this.fetcher = fetcher;
        this.tx = tx;
        this.objects = objects;
    }

    @Override
    public Followed followOnce(String handleOrUrl) {
        return switch (follows.followOnce(handleOrUrl)) {
            case FollowService.Result.Requested r -> new Followed(r.following().actor(), null);
            case FollowService.Result.Failed f -> new Followed(null, f.detail());
        };
    }

    @Override
    public Optional<EventOwner> ownerOf(URI event) {
        try {
            // The copy we hold came from its owner (see ContentHandlers); otherwise ask the event's origin.
            Optional<URI> owner = tx.inTransaction(c -> objects.find(c, event))
                    .filter(o -> !o.deleted())
                    .map(RemoteObjectStore.RemoteObject::attributedTo);
            if (owner.isEmpty()) {
                AsObject fetched = fetcher.fetch(event);
                owner = fetched.core().attributedTo().stream()
                        .findFirst()
                        .flatMap(Ref::id)
                        .filter(a -> org.branchwork.protocol.vocab.Origins.same(a, event));
            }
            if (owner.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(
                    new EventOwner(owner.get(), resolver.actor(owner.get()).inbox()));
        } catch (FetchException e) {
            return Optional.empty();
        }
    }

    @Override
    public String label(URI actor) {
        String handle = Fediverse.handleLike(actor);
        // The name the actor gives, when we know it without asking (pages never wait on a fetch).
        return resolver.cached(actor)
                .map(RemoteActor::name)
                .filter(n -> n != null && !n.isBlank())
                .map(n -> n + " (" + handle + ")")
                .orElse(handle);
    }
}
