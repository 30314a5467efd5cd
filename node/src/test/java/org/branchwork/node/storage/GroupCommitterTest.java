package org.branchwork.node.storage;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.testing.MemoryDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitterTest {

    @RegisterExtension
    final MemoryDatabase db = new MemoryDatabase();

    private final InboxStore store = new InboxStore();
    private final Instant now = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void writesQueuedTogetherShareOneStatementAndTheSameIdTwiceInOneBatchIsOneRow() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Set<PreparedStatement> statements = ConcurrentHashMap.newKeySet();
        try (GroupCommitter<InboxStore.Received, Boolean> inserts =
                new GroupCommitter<>("test-inserts", db.transactions(), (batch, received) -> {
                    if (received.activityId().equals("hold")) {
                        firstWriteStarted.countDown();
                        await(release); // the next writes queue up meanwhile
                        return true;
                    }
                    statements.add(
                            batch.prepared("INSERT INTO inbox_activity (activity_id, actor, type, body, received_at) "
                                    + "VALUES (?, ?, ?, ?, ?)"));
                    return store.insert(batch, received(received.activityId()), now);
                })) {
            CompletableFuture<Boolean> hold = inserts.submit(received("hold"));
            assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Boolean>> queued = new ArrayList<>();
            for (String id : List.of("a", "b", "a", "c")) {
                queued.add(inserts.submit(received(id)));
            }
            release.countDown();

            assertThat(hold.get(5, TimeUnit.SECONDS)).isTrue();
            List<Boolean> stored = new ArrayList<>();
            for (CompletableFuture<Boolean> f : queued) {
                stored.add(f.get(5, TimeUnit.SECONDS));
            }
            assertThat(stored).containsExactly(true, true, false, true);
            assertThat(statements)
                    .as("one statement prepared for the four writes of the second batch")
                    .hasSize(1);
            assertThat(statements.iterator().next().isClosed())
                    .as("closed with its batch")
                    .isTrue();
        }
        long rows = db.transactions().inTransaction(store::count);
        assertThat(rows).isEqualTo(3);
    }

    @Test
    void aFailingWriteFailsAloneAndTheRestOfItsBatchCommits() throws Exception {
        CountDownLatch firstWriteStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (GroupCommitter<String, Boolean> inserts =
                new GroupCommitter<>("test-inserts", db.transactions(), (batch, id) -> {
                    if (id.equals("hold")) {
                        firstWriteStarted.countDown();
                        await(release);
                    }
                    if (id.equals("bad")) {
                        throw new IllegalArgumentException("refused: " + id);
                    }
                    return store.insert(batch, received(id), now);
                })) {
            inserts.submit("hold");
            assertThat(firstWriteStarted.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Boolean> before = inserts.submit("before");
            CompletableFuture<Boolean> bad = inserts.submit("bad");
            CompletableFuture<Boolean> after = inserts.submit("after");
            release.countDown();

            assertThat(before.get(5, TimeUnit.SECONDS)).isTrue();
            assertThat(after.get(5, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("refused: bad");
        }
        assertThat(exists("before")).isTrue();
        assertThat(exists("after")).isTrue();
        assertThat(exists("bad")).isFalse();
    }

    private boolean exists(String id) {
        return db.transactions().inTransaction(c -> store.find(c, id)).isPresent();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(5, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static InboxStore.Received received(String id) {
        return new InboxStore.Received(id, "https://peer.example/users/a", "Create", "{}");
    }
}
