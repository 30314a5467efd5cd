package org.branchwork.node.federation;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

import org.branchwork.node.federation.outbound.DeliveryWorker;
import org.branchwork.node.federation.outbound.PeerHealth;
import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.node.storage.PeerHostStore.PeerHost;
import org.branchwork.node.storage.Transactions;

/** The admin's view of the delivery queue and the one thing they do with it: requeue dead letters. */
public final class DeliveryQueueService {

    private static final Logger LOG = Logger.getLogger(DeliveryQueueService.class.getName());
    static final int LIST_LIMIT = 100;

    /** The queue at a glance: totals, pending per host, hosts in trouble, the newest dead letters. */
    public record Overview(
            DeliveryStore.Counts counts,
            List<DeliveryStore.HostQueue> pendingByHost,
            List<PeerHost> troubledHosts,
            List<DeliveryStore.DeadLetter> deadLetters) {}

    private final Transactions tx;
    private final DeliveryStore store;
    private final PeerHealth peers;
    private final DeliveryWorker worker;
    private final Clock clock;

    public DeliveryQueueService(
            Transactions tx, DeliveryStore store, PeerHealth peers, DeliveryWorker worker, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.peers = peers;
        this.worker = worker;
        this.clock = clock;
    }

    public Overview overview() {
        return tx.inTransaction(c -> new Overview(
                store.counts(c),
                store.pendingByHost(c, LIST_LIMIT),
                peers.troubled(),
                store.deadLetters(c, LIST_LIMIT)));
    }

    /** Every dead letter back in the queue, due now, with a fresh set of attempts. */
    public int requeueAll() {
        int n = tx.inTransaction(c -> store.requeueDead(c, clock.instant()));
        LOG.info(() -> "Admin requeued " + n + " dead letters");
        worker.wake();
        return n;
    }

    /** One dead letter back in the queue; false when there is no dead letter with that id. */
    public boolean requeue(long id) {
        boolean done = tx.inTransaction(c -> store.requeueDead(c, id, clock.instant()));
        if (done) {
            LOG.info(() -> "Admin requeued dead letter " + id);
            worker.wake();
        }
        return done;
    }
}
