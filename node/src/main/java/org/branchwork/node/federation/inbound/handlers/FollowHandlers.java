package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import org.branchwork.node.federation.FollowService;
import org.branchwork.node.federation.inbound.Inbound;
import org.branchwork.node.federation.inbound.ObjectKind;
import org.branchwork.node.federation.inbound.Outcome;
import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.vocab.Ref;

/**
 * {@code Follow} of the branch (accepted automatically), {@code Undo(Follow)}, and the
 * {@code Accept} / {@code Reject} answers to the branch's own follows.
 */
public final class FollowHandlers {

    private final LocalActors actors;
    private final LocalUris uris;
    private final ActorResolver resolver;
    private final Transactions tx;
    private final FollowStore follows;
    private final FollowService requests;
    private final java.util.function.BooleanSupplier manualApproval;
    private final Clock clock;

    public FollowHandlers(
            LocalActors actors,
            LocalUris uris,
            ActorResolver resolver,
            Transactions tx,
            FollowStore follows,
            FollowService requests,
            java.util.function.BooleanSupplier manualApproval,
            Clock clock) {
        this.manualApproval = manualApproval;
        this.actors = actors;
        this.uris = uris;
        this.resolver = resolver;
        this.tx = tx;
        this.follows = follows;
        this.requests = requests;
        this.clock = clock;
    }

    /** A remote actor follows the branch: record it and answer {@code Accept} (or wait for an admin). */
    public Outcome follow(Inbound in) {
        Optional<LocalActors.BranchActor> branch = actors.branch();
        if (branch.isEmpty()) {
            return Outcome.ignored("the node has no branch yet");
        }
        URI branchId = uris.branchActor(branch.get().branch().slug());
        if (!in.activity().object().flatMap(Ref::id).map(branchId::equals).orElse(false)) {
            return Outcome.ignored("Follow of something that is not this branch");
        }
        URI followerId = in.actor();
        RemoteActor follower;
        try {
            follower = resolver.actor(followerId);
        } catch (FetchException e) {
            return Outcome.fetchFailed(e, "cannot fetch follower: ");
        }
        FollowStore.Follower request = new FollowStore.Follower(
                followerId,
                follower.inbox(),
                follower.sharedInbox(),
                in.activity().id().orElseThrow());
        if (manualApproval.getAsBoolean()) {
            tx.inTransaction(c -> {
                follows.addRequest(c, request, clock.instant());
                return null;
            });
            return Outcome.handled("follow request waiting for approval: " + followerId);
        }
        requests.answer(request, branchId, true);
        return Outcome.handled("follower added: " + followerId);
    }

    /**
     * {@code Undo} of a {@code Follow} by its own actor removes the follower: an embedded Follow, or
     * one named by its id only, which must then be the very Follow the follower followed with (an
     * id-only Undo of a Like or an Announce is not an unfollow).
     */
    public Outcome undo(Inbound in) {
        URI actor = in.actor();
        if (in.kind() == ObjectKind.EMBEDDED_FOLLOW
                && EmbeddedActivity.ownedBy(in.activity()).isEmpty()) {
            return Outcome.ignored("Undo of someone else's Follow");
        }
        Optional<URI> named = in.kind() == ObjectKind.REMOTE_REFERENCE
                ? in.activity().object().flatMap(Ref::id)
                : Optional.empty();
        boolean removed = tx.inTransaction(c ->
                named.isPresent() ? follows.removeFollower(c, actor, named.get()) : follows.removeFollower(c, actor));
        return removed ? Outcome.handled("follower removed: " + actor) : Outcome.ignored("not a follower");
    }

    /** The followed actor accepted the branch's {@code Follow}. */
    public Outcome accept(Inbound in) {
        return answer(in, "accepted");
    }

    /** The followed actor rejected it. */
    public Outcome reject(Inbound in) {
        return answer(in, "rejected");
    }

    private Outcome answer(Inbound in, String state) {
        Optional<URI> followId = in.activity().object().flatMap(Ref::id);
        if (followId.isEmpty() || !uris.isLocal(followId.get())) {
            return Outcome.ignored(in.activity().type() + " of something we did not send");
        }
        URI actor = in.actor();
        // Only the actor we asked may answer: the row matches on both the Follow id and its target.
        boolean updated =
                tx.inTransaction(c -> follows.setFollowingState(c, followId.get(), actor, state, clock.instant()));
        return updated
                ? Outcome.handled("follow " + state + " by " + actor)
                : Outcome.ignored("no such follow of " + actor);
    }
}
