package org.branchwork.node.service;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.TestClock;
import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.EventAttended;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.storage.AttendanceStore;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.MailQueueStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.PeerPolicyStore;
import org.branchwork.node.storage.RsvpStore;
import org.branchwork.node.storage.SessionStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.node.testing.MemoryDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Check-in at the door on the services, with a real database in the transaction mode a node runs
 * in: ticks are idempotent and undoable, someone not on the list becomes a walk-in, organisers
 * ticking at once lose nothing, a capacity raise during check-in never gives a place that is not
 * free, and after the event each RSVP is attended or a no-show and the count goes out once.
 */
class AttendanceServiceTest {

    private static final Acting ORGANISER = Acting.apiToken();

    @RegisterExtension
    final MemoryDatabase db = MemoryDatabase.asANodeRunsIt();

    private final Transactions tx = db.transactions();
    private final TestClock clock = TestClock.startingNow();
    private final MemberStore memberStore = new MemberStore();
    private final RsvpStore rsvpStore = new RsvpStore();
    private final Recording outbox = new Recording();
    private final EventStore eventStore = new EventStore();
    private final EventMails mails = new EventMails(
            tx,
            new MailQueueStore(),
            eventStore,
            rsvpStore,
            new EventCalendar(id -> URI.create("https://stockport.example/events/" + id.value()), () -> "Stockport"),
            new MailLinks(tx, new PeerPolicyStore(), new SecureRandom()),
            id -> URI.create("https://stockport.example/events/" + id.value()),
            () -> URI.create("https://stockport.example/"),
            clock,
            () -> {});
    private final EventService events = new EventService(tx, eventStore, rsvpStore, outbox, () -> {}, mails, clock);
    private final RsvpService rsvps =
            new RsvpService(tx, eventStore, rsvpStore, memberStore, outbox, () -> {}, mails, clock);
    private final MemberService members = new MemberService(
            tx,
            memberStore,
            new SessionService(tx, new SessionStore(), memberStore, new SecureRandom(), clock),
            new AuditLog(tx, new AuditStore(), clock),
            clock);
    private final AttendanceService door = new AttendanceService(
            tx, eventStore, rsvpStore, new AttendanceStore(), memberStore, members, outbox, () -> {}, clock);
    private final ExecutorService pool = Executors.newFixedThreadPool(8);

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void tickingTwiceIsOneCheckInAndAnUntickTakesItBack() {
        BranchEvent e = event(null);
        Member ana = member("Ana");
        String rsvp = accepted(ana, e);

        door.tick(ORGANISER, e.id(), rsvp, true);
        door.tick(ORGANISER, e.id(), rsvp, true);
        assertThat(events.counts(e).attended()).isEqualTo(1);
        assertThat(door.door(ORGANISER, e.id(), "").entries())
                .singleElement()
                .satisfies(r -> assertThat(r.checkedIn()).isTrue());

        door.tick(ORGANISER, e.id(), rsvp, false);
        assertThat(events.counts(e)).isEqualTo(new EventCounts(1, null, 0, 0));
        assertThat(door.tick(ORGANISER, e.id(), "no-such-rsvp", true)).isEmpty();
    }

    @Test
    void someoneNotOnTheListIsAddedAsAWalkInNotLost() {
        BranchEvent e = event(null);
        Member ben = member("Ben");
        URI sam = URI.create("https://mobilizon.example/@sam");

        assertThat(door.mark(ORGANISER, e.id(), new AttendanceService.Person.Local(ben.id()), true)
                        .walkIn())
                .isTrue();
        assertThat(door.mark(ORGANISER, e.id(), new AttendanceService.Person.Local(ben.id()), true)
                        .walkIn())
                .as("the second tick finds the walk-in's row")
                .isFalse();
        door.mark(ORGANISER, e.id(), new AttendanceService.Person.Remote(sam), true);
        door.walkIn(ORGANISER, e.id(), "Cleo", "", "", false);
        AttendanceService.Marked dev = door.walkIn(ORGANISER, e.id(), "Dev Patel", "dev@example.org", "SK1 3XE", true);

        assertThat(events.counts(e)).isEqualTo(new EventCounts(4, null, 0, 4));
        assertThat(door.door(ORGANISER, e.id(), "").entries())
                .extracting(AttendanceService.Entry::name)
                .containsExactly("Ben", "Cleo", "Dev Patel", "mobilizon.example");
        Member created = tx.inTransaction(c -> memberStore.findByEmail(c, "dev@example.org"))
                .orElseThrow();
        assertThat(members.consentHistory(created.id()))
                .as("the walk-in's consent, recorded as the organiser's member form records it")
                .singleElement()
                .satisfies(k -> {
                    assertThat(k.granted()).isTrue();
                    assertThat(k.how()).isEqualTo(Consent.How.ORGANISER);
                });
        assertThat(door.door(ORGANISER, e.id(), "dev@").entries())
                .extracting(AttendanceService.Entry::rsvp)
                .containsExactly(dev.rsvp());
        assertThat(door.walkIn(ORGANISER, e.id(), "Ben again", "ben@example.org", "", false)
                        .walkIn())
                .as("an email that is a member's ticks that member")
                .isFalse();
        assertThat(events.counts(e).attended()).isEqualTo(4);

        door.tick(ORGANISER, e.id(), dev.rsvp(), false);
        assertThat(events.counts(e))
                .as("an un-ticked walk-in was a mistake: neither participant nor no-show")
                .isEqualTo(new EventCounts(3, null, 0, 3));
    }

    @Test
    void twoOrganisersTickingDifferentAndTheSamePeopleAtOnceLoseNothing() throws Exception {
        for (int round = 0; round < 5; round++) {
            BranchEvent e = event(null);
            List<Member> people = new ArrayList<>();
            List<String> list = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Member m = member("R" + round + "-" + i);
                people.add(m);
                list.add(accepted(m, e));
            }
            Member walkIn = member("Walk" + round);
            // One organiser ticks 0..14, the other 5..19: ten people are ticked by both; both add the same walk-in.
            Callable<Object> first = () -> {
                for (int i = 0; i < 15; i++) {
                    door.tick(ORGANISER, e.id(), list.get(i), true);
                }
                return door.mark(ORGANISER, e.id(), new AttendanceService.Person.Local(walkIn.id()), true);
            };
            Callable<Object> second = () -> {
                for (int i = 19; i >= 5; i--) {
                    door.tick(ORGANISER, e.id(), list.get(i), true);
                }
                return door.mark(ORGANISER, e.id(), new AttendanceService.Person.Local(walkIn.id()), true);
            };
            all(List.of(first, second));

            assertThat(events.counts(e)).as("round %d", round).isEqualTo(new EventCounts(21, null, 0, 21));
            assertThat(door.door(ORGANISER, e.id(), "").entries())
                    .hasSize(21)
                    .allSatisfy(r -> assertThat(r.checkedIn()).isTrue());
        }
    }

    @Test
    void aCapacityRaiseDuringCheckInNeverGivesAPlaceThatIsNotFree() throws Exception {
        for (int round = 0; round < 8; round++) {
            BranchEvent e = event("2");
            Member ana = member("A" + round), ben = member("B" + round), cat = member("C" + round);
            Member dan = member("D" + round);
            rsvps.rsvp(ana.id(), e.id());
            rsvps.rsvp(ben.id(), e.id());
            rsvps.rsvp(cat.id(), e.id());
            assertThat(events.counts(e)).isEqualTo(new EventCounts(2, 0, 1));

            // A walk-in at the door while another organiser raises the capacity to 3.
            all(List.of(
                    () -> door.mark(ORGANISER, e.id(), new AttendanceService.Person.Local(dan.id()), true),
                    () -> events.edit(ORGANISER, e.id(), input("3")).orElseThrow()));

            EventCounts counts = events.counts(events.find(e.id()).orElseThrow());
            Rsvp.State cats = rsvps.rsvpOf(cat.id(), e.id()).orElseThrow().state();
            if (cats == Rsvp.State.ACCEPTED) {
                assertThat(counts)
                        .as("round %d: raised first, then the walk-in", round)
                        .isEqualTo(new EventCounts(4, 0, 0, 1));
            } else {
                assertThat(cats).isEqualTo(Rsvp.State.WAITLISTED);
                assertThat(counts)
                        .as("round %d: the walk-in took the new place; nobody promoted past it", round)
                        .isEqualTo(new EventCounts(3, 0, 1, 1));
            }
        }
    }

    @Test
    void afterTheEventEachRsvpIsAttendedOrANoShowAndTheCountGoesOutOnce() {
        BranchEvent e = event(null);
        BranchEvent unused = event(null);
        Member ana = member("Ana"), ben = member("Ben");
        String anas = accepted(ana, e);
        accepted(ben, e);
        accepted(ana, unused);
        door.tick(ORGANISER, e.id(), anas, true);
        assertThat(door.reportEnded()).as("not over yet").isZero();

        clock.advance(Duration.between(clock.instant(), Instant.parse("2099-01-01T21:00:00Z")));
        outbox.clear();
        assertThat(door.reportEnded())
                .as("only the event where check-in was used")
                .isEqualTo(1);
        assertThat(outbox.counts()).containsExactly(new EventCounts(2, null, 0, 1));
        assertThat(door.reportEnded()).as("once").isZero();

        assertThat(door.door(ORGANISER, e.id(), "").entries())
                .extracting(AttendanceService.Entry::name, AttendanceService.Entry::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Ana", "attended"),
                        org.assertj.core.groups.Tuple.tuple("Ben", "no-show"));
        assertThat(door.attendedBy(ana.id())).extracting(EventAttended::event).containsExactly(e.id());

        // A correction after the end goes out at once.
        outbox.clear();
        door.mark(ORGANISER, e.id(), new AttendanceService.Person.Local(ben.id()), true);
        assertThat(outbox.counts()).containsExactly(new EventCounts(2, null, 0, 2));
    }

    @Test
    void aCancelledEventChecksNobodyIn() {
        BranchEvent e = event(null);
        Member ana = member("Ana");
        String rsvp = accepted(ana, e);
        events.cancel(ORGANISER, e.id(), null);
        assertThatThrownBy(() -> door.tick(ORGANISER, e.id(), rsvp, true)).isInstanceOf(RequestRefused.Invalid.class);
        assertThat(events.counts(e).attended()).isZero();
    }

    private String accepted(Member m, BranchEvent e) {
        RsvpService.Outcome o = rsvps.rsvp(m.id(), e.id());
        assertThat(o).isInstanceOf(RsvpService.Outcome.Accepted.class);
        return ((RsvpService.Outcome.Accepted) o).rsvp().id();
    }

    private List<Object> all(List<Callable<Object>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> running = new ArrayList<>();
        for (Callable<Object> t : tasks) {
            running.add(pool.submit(() -> {
                go.await();
                return t.call();
            }));
        }
        go.countDown();
        List<Object> out = new ArrayList<>();
        for (Future<Object> f : running) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        return out;
    }

    private BranchEvent event(String capacity) {
        EventService.Result r = events.create(ORGANISER, input(capacity));
        assertThat(r.errors()).isEmpty();
        return r.event();
    }

    private static EventInput input(String capacity) {
        return new EventInput(
                "Meeting",
                "",
                "2099-01-01T19:00",
                "2099-01-01T21:00",
                "Europe/London",
                "Hall",
                null,
                null,
                null,
                null,
                capacity,
                "free",
                "meeting",
                null);
    }

    private Member member(String name) {
        return switch (members.create(
                ORGANISER, name, name.toLowerCase() + "@example.org", "M1 1AE", "", true, "", "test")) {
            case MemberService.CreateResult.Created c -> c.member();
            case MemberService.CreateResult.Invalid i -> throw new AssertionError(i.errors());
        };
    }

    /** Records the counts sent with Update(Event), from any thread; sends nothing. */
    private static final class Recording implements FederationOutbox {
        private final List<EventCounts> counts = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Optional<URI> publish(Connection c, DomainChange change) {
            if (change instanceof DomainChange.EventChanged changed) {
                counts.add(changed.counts());
            }
            return Optional.of(URI.create("https://example.org/activities/1"));
        }

        List<EventCounts> counts() {
            synchronized (counts) {
                return List.copyOf(counts);
            }
        }

        void clear() {
            counts.clear();
        }
    }
}
