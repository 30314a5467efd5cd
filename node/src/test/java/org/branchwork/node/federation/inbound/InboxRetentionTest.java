package org.branchwork.node.federation.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.storage.InboxStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.node.testing.MemoryDatabase;

import static org.assertj.core.api.Assertions.assertThat;

class InboxRetentionTest {

    @RegisterExtension
    final MemoryDatabase db = new MemoryDatabase();

    private final Transactions tx = db.transactions();
    private final InboxStore store = new InboxStore();
    private final Instant now = Instant.parse("2026-11-23T12:00:00Z");

    @Test
    void handledActivitiesOlderThanTheDedupeWindowGoAndEverythingElseStays() {
        receive("old-handled", now.minus(Duration.ofDays(8)), true);
        receive("old-unhandled", now.minus(Duration.ofDays(30)), false);
        receive("recent-handled", now.minus(Duration.ofDays(6)), true);

        int deleted = new InboxRetention(tx, store, Clock.fixed(now, ZoneOffset.UTC)).sweep();

        assertThat(deleted).isEqualTo(1);
        assertThat(exists("old-handled")).isFalse();
        assertThat(exists("old-unhandled"))
                .as("never handled: kept until it is")
                .isTrue();
        assertThat(exists("recent-handled"))
                .as("still inside the dedupe window")
                .isTrue();
        // Inside the window a second delivery of the same id is still a duplicate.
        boolean storedAgain = tx.inTransaction(c -> store.insert(c, received("recent-handled"), now));
        assertThat(storedAgain).isFalse();
    }

    @Test
    void handlingTwiceAfterACrashKeepsTheLastOutcomeAndTheRestOfTheBatch() {
        receive("twice", now, true);
        tx.inTransaction(c -> {
            store.markHandled(c, "twice", "HANDLED", "handled again", now.plusSeconds(5));
            store.insert(c, received("same-batch"), now);
            return null;
        });

        Optional<String> outcome = tx.inTransaction(c -> store.outcome(c, "twice"));
        assertThat(outcome).contains("handled again");
        assertThat(exists("same-batch"))
                .as("the second outcome did not undo its transaction")
                .isTrue();
        long handled = tx.inTransaction(c -> store.countHandled(c));
        assertThat(handled).isEqualTo(1);
    }

    private void receive(String id, Instant at, boolean handled) {
        tx.inTransaction(c -> {
            store.insert(c, received(id), at);
            if (handled) {
                store.markHandled(c, id, "HANDLED", "test", at);
            }
            return null;
        });
    }

    private static InboxStore.Received received(String id) {
        return new InboxStore.Received(id, "https://peer.example/users/a", "Create", "{}");
    }

    private boolean exists(String id) {
        return tx.inTransaction(c -> store.find(c, id)).isPresent();
    }
}
