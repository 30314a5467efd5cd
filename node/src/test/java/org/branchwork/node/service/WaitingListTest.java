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
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.MailKind;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.Rsvp;
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

/**
 * A full event's waiting list on the services, with a real database in the transaction mode a
 * node runs in and an outbox that records what would be sent: who waits and in which order, who
 * is promoted by a withdrawal, a capacity raise or an organiser, how each is told, and that
 * concurrent withdrawals, RSVPs and capacity changes never give more places than there are.
 */
class WaitingListTest {

    private static final Acting ORGANISER = Acting.apiToken();
    private static final URI SAM = URI.create("https://mobilizon.example/@sam");
    private static final URI SAMS_JOIN = URI.create("https://mobilizon.example/join/1");

    @RegisterExtension
    final MemoryDatabase db = MemoryDatabase.asANodeRunsIt();

    private final Transactions tx = db.transactions();
    private final TestClock clock = TestClock.startingNow();
    private final MemberStore memberStore = new MemberStore();
    private final RsvpStore rsvpStore = new RsvpStore();
    private final Recording outbox = new Recording();
    private final EventStore eventStore = new EventStore();
    private final MailQueueStore mailQueue = new MailQueueStore();
    private final EventMails mails = new EventMails(
            tx,
            mailQueue,
            eventStore,
            rsvpStore,
            new EventCalendar(id -> URI.create("https://stockport.example/events/" + id.value()), () -> "Stockport"),
            new MailLinks(tx, new PeerPolicyStore(), new SecureRandom()),
            id -> URI.create("https://stockport.example/events/" + id.value()),
            () -> URI.create("https://stockport.example/"),
            clock,
            () -> {});
    private final EventService events = new EventService(tx, eventStore, rsvpStore, outbox, () -> {}, mails, clock);
    private final RsvpService attendance =
            new RsvpService(tx, eventStore, rsvpStore, memberStore, outbox, () -> {}, mails, clock);
    private final MemberService members = new MemberService(
            tx,
            memberStore,
            new SessionService(tx, new SessionStore(), memberStore, new SecureRandom(), clock),
            new AuditLog(tx, new AuditStore(), clock),
            clock);
    private final ExecutorService pool = Executors.newFixedThreadPool(12);

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    @Test
    void aFullEventKeepsMembersAndRemoteJoinsInLineUnansweredAndCountsWhoWaits() {
        BranchEvent e = event("1", "free");
        Member ana = member("Ana"), ben = member("Ben");
        attendance.rsvp(ana.id(), e.id());

        assertThat(attendance.rsvp(ben.id(), e.id()))
                .isInstanceOfSatisfying(
                        RsvpService.Outcome.Waitlisted.class,
                        w -> assertThat(w.position()).isEqualTo(1));
        assertThat(samJoins(e, SAMS_JOIN))
                .isInstanceOfSatisfying(
                        RsvpService.Outcome.Waitlisted.class,
                        w -> assertThat(w.position()).isEqualTo(2));
        assertThat(samJoins(e, URI.create("https://mobilizon.example/join/2")))
                .as("a repeated Join keeps its place in line")
                .isInstanceOfSatisfying(
                        RsvpService.Outcome.Waitlisted.class,
                        w -> assertThat(w.position()).isEqualTo(2));
        assertThat(outbox.answers())
                .as("a Join to a full event is neither accepted nor rejected yet")
                .isEmpty();
        assertThat(events.counts(e)).isEqualTo(new EventCounts(1, 0, 2));
        assertThat(outbox.counts()).last().isEqualTo(new EventCounts(1, 0, 2));
        assertThat(attendance.attendees(ORGANISER, e.id()))
                .extracting(RsvpService.Attendee::name, RsvpService.Attendee::state, RsvpService.Attendee::position)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("Ana", Rsvp.State.ACCEPTED, 0),
                        org.assertj.core.groups.Tuple.tuple("Ben", Rsvp.State.WAITLISTED, 1),
                        org.assertj.core.groups.Tuple.tuple("Sam", Rsvp.State.WAITLISTED, 2));
        assertThat(mailed(MailKind.RSVP_CONFIRMED)).containsExactly(ana.id().value());
    }

    @Test
    void aWithdrawalGivesThePlaceToTheFirstInLineWhoIsToldByMailOrByAccept() {
        BranchEvent e = event("1", "free");
        Member ana = member("Ana"), ben = member("Ben");
        attendance.rsvp(ana.id(), e.id());
        attendance.rsvp(ben.id(), e.id());
        samJoins(e, SAMS_JOIN);
        mailed(MailKind.RSVP_CONFIRMED);

        assertThat(attendance.withdraw(ana.id(), e.id())).isTrue();
        assertThat(attendance.rsvpOf(ben.id(), e.id()).orElseThrow().state()).isEqualTo(Rsvp.State.ACCEPTED);
        assertThat(mailed(MailKind.RSVP_PROMOTED)).containsExactly(ben.id().value());
        assertThat(outbox.counts()).last().isEqualTo(new EventCounts(1, 0, 1));
        assertThat(outbox.answers()).isEmpty();

        // Sam's Undo(Join) or Leave goes through the same withdrawal: Ben leaves, Sam is accepted.
        assertThat(attendance.withdraw(ben.id(), e.id())).isTrue();
        assertThat(outbox.answers())
                .singleElement()
                .satisfies(a -> assertThat(a.accepted()).isTrue())
                .satisfies(a -> assertThat(a.rsvp().actor()).isEqualTo(SAM))
                .satisfies(a -> assertThat(a.rsvp().joinId()).isEqualTo(SAMS_JOIN));
        assertThat(events.counts(e)).isEqualTo(new EventCounts(1, 0, 0));
        assertThat(attendance.remoteLeave(e.id(), SAM)).isTrue();
        assertThat(events.counts(e)).isEqualTo(new EventCounts(0, 1, 0));
    }

    @Test
    void someoneWhoLeavesTheLineLetsTheOthersMoveUpAndRejoiningGoesToTheBack() {
        BranchEvent e = event("1", "free");
        Member ana = member("Ana"), ben = member("Ben"), cat = member("Cat");
        attendance.rsvp(ana.id(), e.id());
        attendance.rsvp(ben.id(), e.id());
        attendance.rsvp(cat.id(), e.id());

        assertThat(attendance.withdraw(ben.id(), e.id())).isTrue();
        assertThat(outbox.counts()).last().as("followers hear the shorter line").isEqualTo(new EventCounts(1, 0, 1));
        assertThat(attendance.positionOf(attendance.rsvpOf(cat.id(), e.id()).orElseThrow()))
                .isEqualTo(1);
        assertThat(attendance.rsvp(ben.id(), e.id()))
                .isInstanceOfSatisfying(
                        RsvpService.Outcome.Waitlisted.class,
                        w -> assertThat(w.position()).isEqualTo(2));
        assertThat(mailed(MailKind.RSVP_PROMOTED)).isEmpty();
    }

    @Test
    void aCapacityRaiseFillsTheNewPlacesFromTheFrontOfTheLine() {
        BranchEvent e = event("1", "free");
        Member ana = member("Ana"), ben = member("Ben"), cat = member("Cat"), dan = member("Dan");
        for (Member m : List.of(ana, ben, cat, dan)) {
            attendance.rsvp(m.id(), e.id());
        }
        samJoins(e, SAMS_JOIN);

        events.edit(ORGANISER, e.id(), input("4")).orElseThrow();

        assertThat(events.counts(events.find(e.id()).orElseThrow())).isEqualTo(new EventCounts(4, 0, 1));
        assertThat(mailed(MailKind.RSVP_PROMOTED))
                .containsExactly(ben.id().value(), cat.id().value(), dan.id().value());
        assertThat(outbox.counts()).last().isEqualTo(new EventCounts(4, 0, 1));
        assertThat(outbox.answers()).as("Sam is still waiting, number 1").isEmpty();
        assertThat(attendance.attendees(ORGANISER, e.id()))
                .filteredOn(a -> SAM.equals(a.actor()))
                .singleElement()
                .satisfies(a -> assertThat(a.position()).isEqualTo(1));

        events.edit(ORGANISER, e.id(), input("5")).orElseThrow();
        assertThat(outbox.answers())
                .singleElement()
                .satisfies(a -> assertThat(a.accepted()).isTrue());
    }

    @Test
    void anOrganiserGivesAPlaceOutOfTurnOnceEvenWhenEveryPlaceIsTaken() {
        BranchEvent e = event("1", "free");
        Member ana = member("Ana"), ben = member("Ben");
        attendance.rsvp(ana.id(), e.id());
        attendance.rsvp(ben.id(), e.id());
        samJoins(e, SAMS_JOIN);
        String sams = attendance.attendees(ORGANISER, e.id()).stream()
                .filter(a -> SAM.equals(a.actor()))
                .findFirst()
                .orElseThrow()
                .rsvpId();

        assertThat(attendance.promote(ORGANISER, e.id(), sams)).isTrue();
        assertThat(attendance.promote(ORGANISER, e.id(), sams))
                .as("a second click promotes nobody")
                .isFalse();
        String anas = attendance.rsvpOf(ana.id(), e.id()).orElseThrow().id();
        assertThat(attendance.promote(ORGANISER, e.id(), anas))
                .as("only someone waiting can be promoted")
                .isFalse();
        assertThat(outbox.answers())
                .singleElement()
                .satisfies(a -> assertThat(a.accepted()).isTrue());
        assertThat(events.counts(e)).isEqualTo(new EventCounts(2, 0, 1));

        // Over capacity by the organisers' choice: a withdrawal now frees no place for Ben.
        assertThat(attendance.withdraw(ana.id(), e.id())).isTrue();
        assertThat(attendance.rsvpOf(ben.id(), e.id()).orElseThrow().state()).isEqualTo(Rsvp.State.WAITLISTED);
    }

    @Test
    void theWaitlistedAreNotRemindedAndSomeonePromotedInTimeIs() {
        BranchEvent e = event("1", "free");
        Member ana = member("Ana"), ben = member("Ben"), cat = member("Cat");
        attendance.rsvp(ana.id(), e.id());
        attendance.rsvp(ben.id(), e.id());
        attendance.rsvp(cat.id(), e.id());
        mailed(MailKind.RSVP_CONFIRMED);

        clock.advance(Duration.between(clock.instant(), Instant.parse("2099-01-01T09:00:00Z")));
        assertThat(mails.remindDue()).as("Ana only: Ben and Cat wait").isEqualTo(1);
        assertThat(mailed(MailKind.EVENT_REMINDER)).containsExactly(ana.id().value());

        // Ana can't come: Ben is promoted ten hours before the start, too late for a reminder after his mail.
        attendance.withdraw(ana.id(), e.id());
        assertThat(mails.remindDue()).isZero();
        assertThat(mailed(MailKind.RSVP_PROMOTED)).containsExactly(ben.id().value());
    }

    @Test
    void twoWithdrawalsAtOnceGiveExactlyTwoPlacesToTheFirstTwoInLine() throws Exception {
        for (int round = 0; round < 10; round++) {
            BranchEvent e = event("2", "free");
            List<Member> people = members("W" + round + "-", 5);
            for (Member m : people) {
                attendance.rsvp(m.id(), e.id());
            }

            all(List.of(
                    () -> attendance.withdraw(people.get(0).id(), e.id()),
                    () -> attendance.withdraw(people.get(1).id(), e.id())));

            assertThat(events.counts(e)).as("round %d", round).isEqualTo(new EventCounts(2, 0, 1));
            assertThat(stateOf(people.get(2), e)).isEqualTo(Rsvp.State.ACCEPTED);
            assertThat(stateOf(people.get(3), e)).isEqualTo(Rsvp.State.ACCEPTED);
            assertThat(stateOf(people.get(4), e)).isEqualTo(Rsvp.State.WAITLISTED);
        }
    }

    @Test
    void manyRsvpsForTheLastPlacesAtOnceNeverOverbookAndLineUpTheRest() throws Exception {
        for (int round = 0; round < 5; round++) {
            BranchEvent e = event("3", "free");
            List<Member> people = members("R" + round + "-", 12);
            List<Callable<Object>> rsvps = new ArrayList<>();
            for (Member m : people) {
                rsvps.add(() -> attendance.rsvp(m.id(), e.id()));
            }

            List<Object> outcomes = all(rsvps);

            assertThat(outcomes)
                    .filteredOn(o -> o instanceof RsvpService.Outcome.Accepted)
                    .hasSize(3);
            assertThat(outcomes)
                    .filteredOn(o -> o instanceof RsvpService.Outcome.Waitlisted)
                    .extracting(o -> ((RsvpService.Outcome.Waitlisted) o).position())
                    .containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9);
            assertThat(events.counts(e)).as("round %d", round).isEqualTo(new EventCounts(3, 0, 9));
        }
    }

    @Test
    void aCapacityRaiseWhileWithdrawalsPromoteGivesExactlyTheNewCapacity() throws Exception {
        for (int round = 0; round < 10; round++) {
            BranchEvent e = event("2", "free");
            List<Member> people = members("C" + round + "-", 8);
            for (Member m : people) {
                attendance.rsvp(m.id(), e.id());
            }
            Member late = member("Late" + round);
            outbox.clear();

            all(List.of(
                    () -> attendance.withdraw(people.get(0).id(), e.id()),
                    () -> attendance.withdraw(people.get(1).id(), e.id()),
                    () -> events.edit(ORGANISER, e.id(), input("4")),
                    () -> attendance.rsvp(late.id(), e.id())));

            assertThat(events.counts(events.find(e.id()).orElseThrow()))
                    .as("round %d: the six waiting and the late RSVP fill four places, in order", round)
                    .isEqualTo(new EventCounts(4, 0, 3));
            for (int i = 2; i < 6; i++) {
                assertThat(stateOf(people.get(i), e)).isEqualTo(Rsvp.State.ACCEPTED);
            }
            assertThat(outbox.counts())
                    .as("no Update ever told of more participants than places")
                    .allSatisfy(c -> assertThat(c.participants()).isLessThanOrEqualTo(4));
        }
    }

    private Rsvp.State stateOf(Member m, BranchEvent e) {
        return attendance.rsvpOf(m.id(), e.id()).orElseThrow().state();
    }

    /** Runs the tasks at once (released together) and returns their results in order. */
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

    private RsvpService.Outcome samJoins(BranchEvent e, URI join) {
        return attendance.remoteJoin(e.id(), SAM, URI.create(SAM + "/inbox"), "Sam", join);
    }

    private int claims;

    /** The members mailed this kind since the last call (claiming what is queued). */
    private List<Long> mailed(MailKind kind) {
        String claim = "test-" + (++claims);
        return tx
                .inTransaction(c -> mailQueue.claimDue(
                        c, clock.instant().plusSeconds(1), 1000, claim, Instant.parse("2999-01-01T00:00:00Z")))
                .stream()
                .filter(q -> q.kind() == kind)
                .map(q -> q.member().value())
                .toList();
    }

    private BranchEvent event(String capacity, String joinMode) {
        EventService.Result r = events.create(ORGANISER, input(capacity, joinMode));
        assertThat(r.errors()).isEmpty();
        return r.event();
    }

    private static EventInput input(String capacity) {
        return input(capacity, "free");
    }

    private static EventInput input(String capacity, String joinMode) {
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
                joinMode,
                "meeting",
                null);
    }

    private List<Member> members(String prefix, int n) {
        List<Member> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(member(prefix + i));
        }
        return out;
    }

    private Member member(String name) {
        return switch (members.create(
                ORGANISER, name, name.toLowerCase() + "@example.org", "M1 1AE", "", true, "", "test")) {
            case MemberService.CreateResult.Created c -> c.member();
            case MemberService.CreateResult.Invalid i -> throw new AssertionError(i.errors());
        };
    }

    /** Records the counts sent with Update(Event) and the answers to remote Joins, from any thread; sends nothing. */
    private static final class Recording implements FederationOutbox {
        private final List<EventCounts> counts = Collections.synchronizedList(new ArrayList<>());
        private final List<DomainChange.RsvpAnswered> answers = Collections.synchronizedList(new ArrayList<>());

        @Override
        public Optional<URI> publish(Connection c, DomainChange change) {
            switch (change) {
                case DomainChange.EventChanged changed -> counts.add(changed.counts());
                case DomainChange.RsvpAnswered answered -> answers.add(answered);
                default -> {}
            }
            return Optional.of(URI.create("https://example.org/activities/1"));
        }

        List<EventCounts> counts() {
            synchronized (counts) {
                return List.copyOf(counts);
            }
        }

        List<DomainChange.RsvpAnswered> answers() {
            synchronized (answers) {
                return List.copyOf(answers);
            }
        }

        void clear() {
            counts.clear();
            answers.clear();
        }
    }
}
