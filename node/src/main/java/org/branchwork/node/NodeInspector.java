package org.branchwork.node;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.MemberQuery;
import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.node.storage.ErasureCompactor;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.InboxStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.storage.Transactions;

/**
 * What a running node holds, read from outside it: for tests and benchmarks, which check effects
 * rather than responses. The node itself never reads through this; its features use their services.
 */
public final class NodeInspector {

    private final Transactions tx;
    private final RemoteObjectStore remoteObjects;
    private final InboxStore inbox;
    private final DeliveryStore deliveries;
    private final FollowStore follows;
    private final ErasureCompactor compactor;
    private final MemberStore members;
    private final Clock clock;

    NodeInspector(
            Transactions tx,
            RemoteObjectStore remoteObjects,
            InboxStore inbox,
            DeliveryStore deliveries,
            FollowStore follows,
            ErasureCompactor compactor,
            MemberStore members,
            Clock clock) {
        this.members = members;
        this.clock = clock;
        this.tx = tx;
        this.remoteObjects = remoteObjects;
        this.inbox = inbox;
        this.deliveries = deliveries;
        this.follows = follows;
        this.compactor = compactor;
    }

    /** A received object as stored, if the node kept it. */
    public Optional<RemoteObjectStore.RemoteObject> remoteObject(URI id) {
        return tx.inTransaction(c -> remoteObjects.find(c, id));
    }

    /** A received object as its owner signed it, kept only when its proof verified (for relaying). */
    public Optional<String> signedCopy(URI id) {
        return tx.inTransaction(c -> remoteObjects.signedBody(c, id));
    }

    /** The body of a stored inbox activity, as received. */
    public Optional<String> receivedBody(String activityId) {
        return tx.inTransaction(c -> inbox.find(c, activityId).map(InboxStore.Received::body));
    }

    /** What handling a received activity came to, once it is handled. */
    public Optional<String> inboxOutcome(String activityId) {
        return tx.inTransaction(c -> inbox.outcome(c, activityId));
    }

    /** Whether the inbox has stored the activity with this id. */
    public boolean hasReceived(String activityId) {
        return tx.inTransaction(c -> inbox.find(c, activityId).isPresent());
    }

    /** How many activities the inbox has stored. */
    public long inboxCount() {
        return tx.inTransaction(inbox::count);
    }

    /** How many inbox activities have been handled (for benchmarks). */
    public long inboxHandledCount() {
        return tx.inTransaction(inbox::countHandled);
    }

    /** Delivery queue counts. */
    public DeliveryStore.Counts deliveryCounts() {
        return tx.inTransaction(deliveries::counts);
    }

    /** How many times erased data has been compacted out of the database files. */
    public long compactions() {
        return compactor.compactions();
    }

    /** How many remote actors follow the branch. */
    public long followerCount() {
        return tx.inTransaction(follows::followerCount);
    }

    /**
     * Whether the node has nothing to do now in the background: no delivery due or being sent, no
     * received activity waiting to be handled, being handled or due for another attempt. Work
     * scheduled for later (a retry, a host's next probe) does not count.
     */
    public boolean quiescent() {
        Instant now = clock.instant();
        return tx.inTransaction(c -> deliveries.dueBy(c, now) == 0
                && inbox.unhandled(c, Instant.EPOCH, 1).isEmpty()
                && inbox.dueRetries(c, now, 1).isEmpty());
    }

    /** Every member's id, oldest first (for benchmarks that act as each member). */
    public List<MemberId> memberIds() {
        List<MemberId> out = new ArrayList<>();
        tx.inTransaction(c -> {
            members.forEach(c, new MemberQuery("", "", "", null, MemberQuery.Sort.OLDEST, 1, 1), m -> out.add(m.id()));
            return null;
        });
        return out;
    }
}
