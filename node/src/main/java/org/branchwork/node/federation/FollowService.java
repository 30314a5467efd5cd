package org.branchwork.node.federation;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.federation.mapping.FollowMapper;
import org.branchwork.node.federation.outbound.DeliveryWorker;
import org.branchwork.node.federation.outbound.OutboundPublisher;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.federation.resolve.WebFingerClient;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.webfinger.Acct;

/**
 * Follows both ways. The branch following other actors: one {@code Follow} per target, whoever
 * asked for it; {@code Undo} to stop. Others following the branch: its followers, and (with the
 * node's manual-approval setting) the requests waiting for an admin, answered {@code Accept} or
 * {@code Reject}. Each follow is recorded and its activity queued in one transaction.
 */
public final class FollowService {

    /** The outcome of asking to follow. */
    public sealed interface Result {
        /** Queued; the target will answer with Accept or Reject. */
        record Requested(FollowStore.Following following) implements Result {}

        /** The target could not be resolved, or the request is not allowed; nothing was stored. */
        record Failed(int status, String code, String detail) implements Result {}
    }

    private final LocalActors actors;
    private final LocalUris uris;
    private final WebFingerClient webFinger;
    private final ActorResolver resolver;
    private final Transactions tx;
    private final FollowStore follows;
    private final OutboundPublisher outbox;
    private final DeliveryWorker worker;
    private final Clock clock;

    public FollowService(
            LocalActors actors,
            LocalUris uris,
            WebFingerClient webFinger,
            ActorResolver resolver,
            Transactions tx,
            FollowStore follows,
            OutboundPublisher outbox,
            DeliveryWorker worker,
            Clock clock) {
        this.actors = actors;
        this.uris = uris;
        this.webFinger = webFinger;
        this.resolver = resolver;
        this.tx = tx;
        this.follows = follows;
        this.outbox = outbox;
        this.worker = worker;
        this.clock = clock;
    }

    /** Who a handle or URL names, looked up before it is followed: what a person is about to follow. */
    public sealed interface Lookup {
        /** The actor, as it describes itself: {@code type} is Group, Person, Organization, Service… */
        record Found(URI id, String name, String type) implements Lookup {}

        record NotFound(Result.Failed why) implements Lookup {}
    }

    /** Resolves a handle ({@code @slug@host}) or an actor IRI to the actor, without following it. */
    public Lookup lookUp(String target) {
        try {
            RemoteActor actor = remoteActor(target);
            return new Lookup.Found(actor.id(), actor.name(), actor.type());
        } catch (Unfollowable e) {
            return new Lookup.NotFound(e.why);
        }
    }

    /** Follows a handle ({@code @slug@host}) or an actor IRI. */
    public Result follow(String target) {
        Optional<LocalActors.BranchActor> branch = actors.branch();
        if (branch.isEmpty()) {
            return new Result.Failed(409, "not_set_up", "The node has no branch yet.");
        }
        RemoteActor remote;
        try {
            remote = remoteActor(target);
        } catch (Unfollowable e) {
            return e.why;
        }
        URI branchId = uris.branchActor(branch.get().branch().slug());
        URI followId = uris.newActivity();
        Activity follow = FollowMapper.follow(followId, branchId, remote.id());
        FollowStore.Following following = new FollowStore.Following(remote.id(), remote.inbox(), followId, "pending");
        tx.inTransaction(c -> {
            follows.addFollowing(c, following, clock.instant());
            outbox.enqueue(c, follow, List.of(remote.inbox()));
            return null;
        });
        worker.wake();
        return new Result.Requested(following);
    }

    /** Follows unless the branch already follows (or asked to follow) the target: members' subscriptions share one follow. */
    public Result followOnce(String target) {
        try {
            URI actorId = resolveTarget(target);
            Optional<FollowStore.Following> existing = tx.inTransaction(c -> follows.following(c, actorId))
                    .filter(f -> !f.state().equals("rejected"));
            if (existing.isPresent()) {
                return new Result.Requested(existing.get());
            }
        } catch (IllegalArgumentException e) {
            return new Result.Failed(422, "invalid_target", e.getMessage());
        } catch (FetchException e) {
            return new Result.Failed(422, "unresolvable_target", e.getMessage());
        }
        return follow(target);
    }

    /** Stops following: {@code Undo(Follow)} to the target, and the row removed. */
    public boolean unfollow(String target) {
        Optional<LocalActors.BranchActor> branch = actors.branch();
        if (branch.isEmpty()) {
            return false;
        }
        URI actorId;
        try {
            actorId = resolveTarget(target);
        } catch (IllegalArgumentException | FetchException e) {
            return false;
        }
        URI branchId = uris.branchActor(branch.get().branch().slug());
        boolean removed = tx.inTransaction(c -> {
            Optional<FollowStore.Following> existing = follows.following(c, actorId);
            if (existing.isEmpty()) {
                return false;
            }
            Activity undo = FollowMapper.undo(
                    uris.newActivity(), branchId, actorId, existing.get().followId());
            outbox.enqueue(c, undo, List.of(existing.get().inbox()));
            return follows.removeFollowing(c, actorId);
        });
        if (removed) {
            worker.wake();
        }
        return removed;
    }

    /** The first {@code limit} remote actors following the branch (the admin page; never published). */
    public List<FollowStore.Follower> followers(int limit) {
        return tx.inTransaction(c -> follows.followers(c, limit));
    }

    public long followerCount() {
        return tx.inTransaction(follows::followerCount);
    }

    public List<FollowStore.Following> following() {
        return tx.inTransaction(follows::followings);
    }

    /** Why a target cannot be followed, carried out of the lookup. */
    private static final class Unfollowable extends Exception {
        private final Result.Failed why;

        Unfollowable(int status, String code, String detail) {
            super(detail, null, false, false);
            this.why = new Result.Failed(status, code, detail);
        }
    }

    private RemoteActor remoteActor(String target) throws Unfollowable {
        try {
            URI actorId = resolveTarget(target);
            if (uris.isLocal(actorId)) {
                throw new Unfollowable(422, "self_follow", "A branch cannot follow itself.");
            }
            return resolver.actor(actorId);
        } catch (IllegalArgumentException e) {
            throw new Unfollowable(422, "invalid_target", e.getMessage());
        } catch (FetchException e) {
            throw new Unfollowable(422, "unresolvable_target", e.getMessage());
        }
    }

    private URI resolveTarget(String target) throws FetchException {
        String t = target == null ? "" : target.strip();
        if (t.startsWith("https://") || t.startsWith("http://")) {
            URI uri = URI.create(t);
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("not an actor URL: " + t);
            }
            return uri;
        }
        return webFinger.actorOf(Acct.parse(t));
    }

    // Follows of the branch waiting for an admin (the manual-approval setting), and the answers to them.

    /** The follow requests waiting for an admin. */
    public List<FollowStore.Follower> pending() {
        return tx.inTransaction(follows::requests);
    }

    /** An admin's answer to a waiting request: {@code Accept} (and a follower) or {@code Reject}. */
    public boolean decide(URI actor, boolean approve) {
        Optional<LocalActors.BranchActor> branch = actors.branch();
        if (branch.isEmpty()) {
            return false;
        }
        Optional<FollowStore.Follower> request = tx.inTransaction(c -> follows.request(c, actor));
        if (request.isEmpty()) {
            return false;
        }
        answer(request.get(), uris.branchActor(branch.get().branch().slug()), approve);
        return true;
    }

    /** Answers a request: the follower is recorded (when approved) and the answer queued in one transaction. */
    public void answer(FollowStore.Follower request, URI branchId, boolean approve) {
        Activity answer =
                FollowMapper.answer(uris.newActivity(), branchId, request.actor(), request.followId(), approve);
        tx.inTransaction(c -> {
            follows.removeRequest(c, request.actor());
            if (approve) {
                follows.addFollower(c, request, clock.instant());
            }
            outbox.enqueue(c, answer, List.of(request.inbox()));
            return null;
        });
        worker.wake();
    }
}
