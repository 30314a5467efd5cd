package org.branchwork.node.federation.inbound;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.branchwork.node.storage.InboxStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.vocab.Activity;

/**
 * Handles stored activities after the sender has its 202, each on a virtual thread, and at start
 * those a crash left unhandled. Records each outcome on the stored row.
 */
public final class InboxProcessor {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class.getName());

    private final Transactions tx;
    private final InboxStore store;
    private final ActivityCodec codec;
    private final ActivityDispatcher dispatcher;
    private final Clock clock;

    public InboxProcessor(Transactions tx, InboxStore store, ActivityCodec codec, ActivityDispatcher dispatcher, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public void submit(String activityId) {
        Thread.ofVirtual().name("inbox-" + activityId.hashCode()).start(() -> handle(activityId));
    }

    /** Handles everything stored but not handled (after a restart). */
    public void resume() {
        List<String> pending = tx.inTransaction(c -> store.unhandled(c, 10_000));
        pending.forEach(this::submit);
    }

    private void handle(String activityId) {
        String outcome;
        try {
            Optional<InboxStore.Received> row = tx.inTransaction(c -> store.find(c, activityId));
            if (row.isEmpty()) {
                return;
            }
            outcome = switch (codec.read(row.get().body())) {
                case Decoded.Read(Activity activity) -> dispatcher.dispatch(activity);
                case Decoded.Read other -> "ignored: not an activity";
                case Decoded.Refused refused -> "ignored: " + refused.reason();
            };
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Handling " + activityId + " failed", e);
            outcome = "failed: " + e.getMessage();
        }
        String result = outcome;
        tx.inTransaction(c -> {
            store.markHandled(c, activityId, result, clock.instant());
            return null;
        });
    }
}
