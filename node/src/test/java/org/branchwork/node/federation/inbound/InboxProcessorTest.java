package org.branchwork.node.federation.inbound;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.branchwork.node.federation.outbound.RetrySchedule;
import org.branchwork.node.storage.Database;
import org.branchwork.node.storage.InboxStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;

import static org.assertj.core.api.Assertions.assertThat;

/** The handlers' queue is bounded; the store is the real queue, so nothing is lost or handled twice. */
class InboxProcessorTest {

    private final Database db = Database.open("jdbc:hsqldb:mem:" + UUID.randomUUID(), Path.of("mem"));
    private final Transactions tx = db.transactions();
    private final InboxStore store = new InboxStore();
    private final ActivityCodec codec = new ActivityCodec();
    private final Clock clock = Clock.systemUTC();
    /** Held shut until a test opens it, so that handling falls behind receiving. */
    private final CountDownLatch open = new CountDownLatch(1);

    private final Map<String, Integer> handled = new ConcurrentHashMap<>();
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final RetrySchedule schedule = new RetrySchedule(new java.util.Random(), Duration.ofNanos(1));
    private volatile boolean originDown = true;
    private final HandlerRegistry dispatcher = new HandlerRegistry(a -> ObjectKind.REMOTE_OBJECT)
            .onAny(ActivityType.CREATE, in -> {
                Activity activity = in.activity();
                try {
                    if (activity.id().orElseThrow().toString().contains("/burst/")) {
                        open.await();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                String id = activity.id().orElseThrow().toString();
                int attempt = attempts.merge(id, 1, Integer::sum);
                if (id.contains("/flaky/") && attempt <= 2) {
                    return new Outcome.RetryLater("the announced object's origin did not answer", null);
                }
                if (id.contains("/down/") && originDown) {
                    return new Outcome.RetryLater("the origin is down", null);
                }
                handled.merge(id, 1, Integer::sum);
                return Outcome.handled("counted");
            });
    private InboxProcessor processor;

    @AfterEach
    void close() {
        open.countDown();
        if (processor != null) {
            processor.close();
        }
        db.close();
    }

    @Test
    void aBurstLargerThanTheQueueIsHandledFromTheStoreEachActivityOnce() throws Exception {
        processor = new InboxProcessor(tx, store, codec, dispatcher, schedule, clock);
        processor.start();
        // One handled first, and the handlers idle for a moment: their look at the store at start is over.
        storeAndSubmit(
                "https://peer.example/activities/first", create("https://peer.example/activities/first", "first"));
        awaitHandled(1);
        Thread.sleep(600);

        int burst = InboxProcessor.QUEUE + InboxProcessor.HANDLERS + 1_500;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            String id = "https://peer.example/activities/burst/" + i;
            ids.add(id);
            String body = create(id, "note " + i);
            storeAndSubmit(id, body);
        }
        // A second delivery of an activity already queued changes nothing.
        storeAndSubmit(ids.get(10), create(ids.get(10), "note 10"));

        open.countDown();
        awaitHandled(burst + 1);

        assertThat(handled).hasSize(burst + 1);
        assertThat(handled.values()).as("each activity handled exactly once").containsOnly(1);
        for (String id : List.of(ids.getFirst(), ids.get(InboxProcessor.QUEUE + 100), ids.getLast())) {
            assertThat(outcome(id)).contains("counted");
            assertThat(kind(id)).as("filed by kind, not only in words").contains("HANDLED");
        }
    }

    @Test
    void whatAnEarlierRunLeftUnhandledIsHandledAtStartAndWhatItHandledIsNot() throws Exception {
        Instant earlier = clock.instant().minus(Duration.ofHours(3));
        tx.inTransaction(c -> {
            store.insert(
                    c,
                    received(
                            "https://peer.example/activities/done",
                            create("https://peer.example/activities/done", "x")),
                    earlier);
            store.markHandled(
                    c, "https://peer.example/activities/done", "HANDLED", "handled before the restart", earlier);
            store.insert(
                    c,
                    received(
                            "https://peer.example/activities/left",
                            create("https://peer.example/activities/left", "y")),
                    earlier);
            return null;
        });
        startOpen();
        awaitHandled(2);

        assertThat(handled).containsOnlyKeys("https://peer.example/activities/left");
        assertThat(outcome("https://peer.example/activities/done")).contains("handled before the restart");
    }

    @Test
    void aLargeActivityIsNotKeptInMemoryButReadBackFromTheStore() throws Exception {
        startOpen();
        String id = "https://peer.example/activities/large";
        String body = create(id, "x".repeat(InboxProcessor.KEEP_IN_MEMORY));
        tx.inTransaction(c -> store.insert(c, received(id, body), clock.instant()));
        // What the pipeline read is not what the store holds: the handler must use the stored one.
        processor.submit(id, null, null, body.length());

        awaitHandled(1);

        assertThat(handled).containsOnlyKeys(id);
    }

    @Test
    void aFailureThatMayPassIsTriedAgainUntilItIsHandled() throws Exception {
        startOpen();
        String id = "https://peer.example/activities/flaky/1";
        storeAndSubmit(id, create(id, "flaky"));

        awaitHandled(1);

        assertThat(attempts.get(id)).isEqualTo(3);
        assertThat(outcome(id)).contains("counted");
        assertThat(processor.deadLetters(10)).isEmpty();
    }

    @Test
    void aFailureThatNeverPassesEndsAsADeadLetterThatAnAdminCanRequeue() throws Exception {
        startOpen();
        String id = "https://peer.example/activities/down/1";
        storeAndSubmit(id, create(id, "down"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (processor.deadLetters(10).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(processor.deadLetters(10)).singleElement().satisfies(d -> {
            assertThat(d.activityId()).isEqualTo(id);
            assertThat(d.attempts()).isEqualTo(InboxProcessor.MAX_ATTEMPTS);
            assertThat(d.error()).contains("the origin is down");
        });
        assertThat(attempts.get(id)).isEqualTo(InboxProcessor.MAX_ATTEMPTS);
        assertThat(outcome(id)).as("not handled, not forgotten").isEmpty();

        originDown = false;
        assertThat(processor.requeueDead(id)).isEqualTo(1);
        awaitHandled(1);
        assertThat(outcome(id)).contains("counted");
        assertThat(processor.deadLetters(10)).isEmpty();
    }

    /** Starts the processor with its handlers let through from the first activity on. */
    private void startOpen() {
        open.countDown();
        processor = new InboxProcessor(tx, store, codec, dispatcher, schedule, clock);
        processor.start();
    }

    private void storeAndSubmit(String id, String body) throws Exception {
        boolean fresh = tx.inTransaction(c -> store.insert(c, received(id, body), clock.instant()));
        JsonNode document = codec.parse(body.getBytes(StandardCharsets.UTF_8));
        Activity activity = (Activity) ((Decoded.Read) codec.read(document)).object();
        if (fresh || id.endsWith("/10")) {
            processor.submit(id, activity, document, body.length());
        }
    }

    private void awaitHandled(int outcomes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (tx.inTransaction(store::countHandled) < outcomes && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(tx.inTransaction(store::countHandled)).isEqualTo(outcomes);
    }

    private java.util.Optional<String> kind(String id) {
        return tx.inTransaction(c -> store.outcomeKind(c, id));
    }

    private java.util.Optional<String> outcome(String id) {
        return tx.inTransaction(c -> store.outcome(c, id));
    }

    private static InboxStore.Received received(String id, String body) {
        return new InboxStore.Received(id, "https://peer.example/users/a", "Create", body);
    }

    private static String create(String id, String content) {
        return "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + id
                + "\",\"type\":\"Create\",\"actor\":\"https://peer.example/users/a\",\"object\":{\"id\":\"" + id
                + "/note\",\"type\":\"Note\",\"attributedTo\":\"https://peer.example/users/a\",\"content\":\"" + content
                + "\"}}";
    }
}
