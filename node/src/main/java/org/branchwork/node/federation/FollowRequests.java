package org.branchwork.node.federation;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.federation.mapping.FollowMapper;
import org.branchwork.node.federation.outbound.DeliveryWorker;
import org.branchwork.node.federation.outbound.OutboundPublisher;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.vocab.Activity;

/**
 * Follows of the branch waiting for an admin (the node's manual-approval setting), and the answer
 * to each: {@code Accept} with a new follower, or {@code Reject}. The inbound {@code Follow}
 * handler files requests here and answers automatic ones through {@link #answer}.
 */
public final class FollowRequests {

    private final LocalActors actors;
    private final LocalUris uris;
    private final Transactions tx;
    private final FollowStore follows;
    private final OutboundPublisher outbox;
    private final DeliveryWorker worker;
    private final Clock clock;

    public FollowRequests(
            LocalActors actors,
            LocalUris uris,
            Transactions tx,
            FollowStore follows,
            OutboundPublisher outbox,
            DeliveryWorker worker,
            Clock clock) {
        this.actors = actors;
        this.uris = uris;
        this.tx = tx;
        this.follows = follows;
        this.outbox = outbox;
        this.worker = worker;
        this.clock = clock;
    }

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
