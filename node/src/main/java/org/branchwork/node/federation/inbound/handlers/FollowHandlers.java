package org.branchwork.node.federation.inbound.handlers;

import org.branchwork.node.federation.inbound.RetryLater;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.federation.FollowRequests;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.ObjectCore;
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
    private final FollowRequests requests;
    private final java.util.function.BooleanSupplier manualApproval;
    private final Clock clock;

    public FollowHandlers(LocalActors actors, LocalUris uris, ActorResolver resolver, Transactions tx, FollowStore follows,
                          FollowRequests requests, java.util.function.BooleanSupplier manualApproval,
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

    /** A remote actor follows the branch: record it and answer {@code Accept}. */
    public String follow(Activity follow) {
        Optional<LocalActors.BranchActor> branch = actors.branch();
        if (branch.isEmpty()) {
            return "ignored: the node has no branch yet";
        }
        URI branchId = uris.branchActor(branch.get().branch().slug());
        if (!follow.object().flatMap(Ref::id).map(branchId::equals).orElse(false)) {
            return "ignored: Follow of something that is not this branch";
        }
        URI followerId = follow.actor().id().orElseThrow();
        RemoteActor follower;
        try {
            follower = resolver.actor(followerId);
        } catch (FetchException e) {
            return RetryLater.unlessFinal(e, "cannot fetch follower: ");
        }
        FollowStore.Follower request = new FollowStore.Follower(followerId, follower.inbox(), follower.sharedInbox(),
                follow.id().orElseThrow());
        if (manualApproval.getAsBoolean()) {
            tx.inTransaction(c -> {
                follows.addRequest(c, request, clock.instant());
                return null;
            });
            return "follow request waiting for approval: " + followerId;
        }
        requests.answer(request, branchId, true);
        return "follower added: " + followerId;
    }

    /** {@code Undo} of a {@code Follow} by its own actor removes the follower. */
    public String undo(Activity undo) {
        Optional<AsObject> embedded = undo.object().flatMap(Ref::embedded);
        boolean isFollow = embedded.map(o -> o.type().equals("Follow")).orElse(false);
        URI actor = undo.actor().id().orElseThrow();
        if (embedded.isPresent() && !isFollow) {
            return "stored: Undo of " + embedded.get().type();
        }
        if (embedded.isPresent() && EmbeddedActivity.ownedBy(undo).isEmpty()) {
            return "ignored: Undo of someone else's Follow";
        }
        boolean removed = tx.inTransaction(c -> follows.removeFollower(c, actor));
        return removed ? "follower removed: " + actor : "ignored: not a follower";
    }

    /** The followed actor accepted the branch's {@code Follow}. */
    public String accept(Activity accept) {
        return answer(accept, "accepted");
    }

    /** The followed actor rejected it. */
    public String reject(Activity reject) {
        return answer(reject, "rejected");
    }

    private String answer(Activity answer, String state) {
        Optional<URI> followId = answer.object().flatMap(Ref::id);
        if (followId.isEmpty() || !uris.isLocal(followId.get())) {
            return "ignored: " + answer.type() + " of something we did not send";
        }
        URI actor = answer.actor().id().orElseThrow();
        // Only the actor we asked may answer: the row matches on both the Follow id and its target.
        boolean updated = tx.inTransaction(c -> follows.setFollowingState(c, followId.get(), actor, state, clock.instant()));
        return updated ? "follow " + state + " by " + actor : "ignored: no such follow of " + actor;
    }

}
