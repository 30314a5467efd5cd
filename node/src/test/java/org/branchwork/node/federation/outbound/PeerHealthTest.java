package org.branchwork.node.federation.outbound;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.branchwork.node.storage.Database;
import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.node.storage.PeerHostStore;

import static org.assertj.core.api.Assertions.assertThat;

class PeerHealthTest {

    private final Database db = Database.open("jdbc:hsqldb:mem:" + UUID.randomUUID(), Path.of("mem"));
    private final org.branchwork.node.TestClock clock =
            new org.branchwork.node.TestClock(Instant.parse("2026-11-01T00:00:00Z"));

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aHostFailingForLessThanTwoDaysIsStillTried() {
        PeerHealth health = health();
        health.failed("down.example", "HTTP 503");
        clock.advance(PeerHealth.UNAVAILABLE_AFTER.minusMinutes(1));
        health.failed("down.example", "HTTP 503");

        assertThat(health.gate("down.example")).isInstanceOf(PeerHealth.Gate.Send.class);
    }

    @Test
    void aHostFailingForDaysIsProbedOnceAnHourUntilItAnswers() {
        PeerHealth health = health();
        health.failed("down.example", "ConnectException");
        clock.advance(PeerHealth.UNAVAILABLE_AFTER);
        health.failed("down.example", "ConnectException");

        assertThat(health.gate("down.example"))
                .as("marked unavailable, next probe in an hour")
                .isEqualTo(new PeerHealth.Gate.Wait(clock.instant().plus(PeerHealth.PROBE_INTERVAL)));
        assertThat(health.troubled())
                .singleElement()
                .satisfies(h -> assertThat(h.unavailable()).isTrue());

        clock.advance(PeerHealth.PROBE_INTERVAL);
        assertThat(health.gate("down.example")).isInstanceOf(PeerHealth.Gate.Probe.class);
        assertThat(health.gate("down.example")).as("one probe at a time").isInstanceOf(PeerHealth.Gate.Wait.class);

        assertThat(health.answered("down.example")).as("it was unavailable").isTrue();
        assertThat(health.gate("down.example")).isInstanceOf(PeerHealth.Gate.Send.class);
        assertThat(health.troubled()).isEmpty();
        assertThat(health.answered("down.example")).as("already available").isFalse();
    }

    @Test
    void whatIsKnownOfAHostSurvivesARestart() {
        PeerHealth before = health();
        before.preferCavage("old.example");
        before.failed("down.example", "HTTP 502");
        clock.advance(Duration.ofDays(3));
        before.failed("down.example", "HTTP 502");

        PeerHealth after = health();

        assertThat(after.cavageFirst("old.example")).isTrue();
        assertThat(after.cavageFirst("down.example")).isFalse();
        assertThat(after.gate("down.example")).isInstanceOf(PeerHealth.Gate.Wait.class);
    }

    @Test
    void releasingAHostMakesItsWaitingDeliveriesDueAndNothingElse() {
        DeliveryStore store = new DeliveryStore();
        Instant now = clock.instant();
        db.transactions().inTransaction(c -> {
            store.enqueue(c, URI.create("https://down.example/inbox"), "https://us/a/1", "{}", now);
            store.enqueue(c, URI.create("https://other.example/inbox"), "https://us/a/1", "{}", now);
            for (DeliveryStore.Delivery d : store.claimDue(c, now, 10, "test", now.plusSeconds(600))) {
                store.postpone(c, d.id(), now.plus(Duration.ofHours(1)));
            }
            return null;
        });

        int released = db.transactions().inTransaction(c -> store.releaseHost(c, "down.example", now));

        assertThat(released).isEqualTo(1);
        java.util.List<DeliveryStore.Delivery> due =
                db.transactions().inTransaction(c -> store.claimDue(c, now, 10, "test", now.plusSeconds(600)));
        assertThat(due).singleElement().satisfies(d -> assertThat(d.host()).isEqualTo("down.example"));
        assertThat(db.transactions().inTransaction(c -> store.counts(c)).failing())
                .as("postponing is not an attempt")
                .isZero();
    }

    private PeerHealth health() {
        return new PeerHealth(db.transactions(), new PeerHostStore(), clock);
    }
}
