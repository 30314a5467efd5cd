package org.branchwork.node.storage;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: many small writes from concurrent requests share one transaction and so one log
 * sync. With {@code hsqldb.write_delay=false} each commit syncs to disk (about 1,900 per second
 * here); batching is how durable writes go faster than that. A caller's write is durable when its
 * future completes. One writer thread; a failed batch fails each of its writes.
 *
 * @param <T> what one write carries
 * @param <R> what one write returns
 */
public final class GroupCommitter<T, R> implements AutoCloseable {

    /** One write inside the shared transaction; an exception fails only that write. */
    @FunctionalInterface
    public interface Write<T, R> {
        R apply(Batch batch, T item) throws SQLException;
    }

    private record Pending<T, R>(T item, CompletableFuture<R> result) {}

    private static final Logger LOG = Logger.getLogger(GroupCommitter.class.getName());
    private static final int MAX_BATCH = 500;

    private final Transactions tx;
    private final Write<T, R> write;
    private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean running = true;

    public GroupCommitter(String name, Transactions tx, Write<T, R> write) {
        this.tx = tx;
        this.write = write;
        this.writer = Thread.ofPlatform().daemon().name(name).start(this::run);
    }

    /** Queues a write; the future completes once the batch holding it has committed. */
    public CompletableFuture<R> submit(T item) {
        CompletableFuture<R> result = new CompletableFuture<>();
        if (!running) {
            result.completeExceptionally(new IllegalStateException("stopping"));
            return result;
        }
        queue.add(new Pending<>(item, result));
        return result;
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                Pending<T, R> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void commit(List<Pending<T, R>> batch) {
        List<Object> results = new ArrayList<>(batch.size());
        try {
            tx.inTransaction(c -> {
                try (Batch shared = new Batch(c)) {
                    for (Pending<T, R> p : batch) {
                        try {
                            results.add(write.apply(shared, p.item()));
                        } catch (SQLException | RuntimeException e) {
                            results.add(e); // this write failed; the rest of the batch still commits
                        }
                    }
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "A group commit of " + batch.size() + " writes failed", e);
            batch.forEach(p -> p.result().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Object r = results.get(i);
            if (r instanceof Exception e) {
                // A database failure reaches the caller as every other does, so that a full disk is told apart.
                batch.get(i)
                        .result()
                        .completeExceptionally(e instanceof SQLException sql ? new StorageException(sql) : e);
            } else {
                @SuppressWarnings("unchecked")
                R value = (R) r;
                batch.get(i).result().complete(value);
            }
        }
    }

    /** Commits what is queued, then stops. */
    @Override
    public void close() {
        running = false;
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
