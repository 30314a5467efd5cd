package org.branchwork.node.federation.inbound;

import java.time.Clock;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.branchwork.node.storage.GroupCommitter;
import org.branchwork.node.storage.InboxStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.vocab.Activity;

/**
 * Handles stored activities after the sender has its 202, each on a virtual thread, and at start
 * those a crash left unhandled. Records each outcome on the stored row.
 */
public final class InboxProcessor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(InboxProcessor.class.getName());

    private final Transactions tx;
    private final InboxStore store;
    private final ActivityCodec codec;
    private final ActivityDispatcher dispatcher;
    private final Clock clock;
    private final java.util.concurrent.Phaser running = new java.util.concurrent.Phaser(1);
    /**
     * At most this many activities are handled at once. Unbounded, a burst took every database
     * connection, and the pool's callers (the inbox's own group commit among them) slept in its
     * polling wait: measured, this halved what the inbox accepted per second.
     */
    static final int HANDLERS = 6;
    private final java.util.concurrent.Semaphore handlers = new java.util.concurrent.Semaphore(HANDLERS);
    private volatile boolean closed;

    /** An outcome to record on a stored activity. */
    public record Outcome(String activityId, String text) {
    }

    private final GroupCommitter<Outcome, Void> outcomes;

    public InboxProcessor(Transactions tx, InboxStore store, ActivityCodec codec, ActivityDispatcher dispatcher, Clock clock) {
        this.outcomes = new GroupCommitter<>("inbox-outcomes", tx, (c, o) -> {
            store.markHandled(c, o.activityId(), o.text(), clock.instant());
            return null;
        });
        this.tx = tx;
        this.store = store;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /** Handles a just-stored activity, from the body in hand. */
    public void submit(String activityId, String body) {
        start(activityId, () -> handle(activityId, body));
    }

    private void submit(String activityId) {
        start(activityId, () -> tx.inTransaction(c -> store.find(c, activityId))
                .ifPresent(row -> handle(activityId, row.body())));
    }

    private void start(String activityId, Runnable work) {
        if (closed || running.register() < 0) {
            return;  // stopping: the row stays unhandled and is resumed at the next start
        }
        Thread.ofVirtual().name("inbox-" + activityId.hashCode()).start(() -> {
            try {
                handlers.acquire();
                try {
                    work.run();
                } finally {
                    handlers.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.arriveAndDeregister();
            }
        });
    }

    /** Stops taking work and waits (up to 10 s) for the activities being handled. */
    @Override
    public void close() {
        closed = true;
        try {
            running.awaitAdvanceInterruptibly(running.arrive(), 10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warning("Inbox handlers still running at shutdown; their activities are handled again at the next start");
        }
        outcomes.close();
    }

    /** Handles everything stored but not handled (after a restart). */
    public void resume() {
        List<String> pending = tx.inTransaction(c -> store.unhandled(c, 10_000));
        pending.forEach(this::submit);
    }

    private void handle(String activityId, String body) {
        String outcome;
        try {
            com.fasterxml.jackson.databind.JsonNode document = codec.parse(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            outcome = switch (codec.read(document)) {
                case Decoded.Read(Activity activity) -> dispatcher.dispatch(activity, document);
                case Decoded.Read other -> "ignored: not an activity";
                case Decoded.Refused refused -> "ignored: " + refused.reason();
            };
        } catch (java.io.IOException e) {
            outcome = "ignored: unreadable: " + e.getMessage();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Handling " + activityId + " failed", e);
            outcome = "failed: " + e.getMessage();
        }
        try {
            outcomes.submit(new Outcome(activityId, outcome)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.log(Level.WARNING, "Recording the outcome of " + activityId + " failed; it is handled again at the next start",
                    e.getCause());
        }
    }
}
