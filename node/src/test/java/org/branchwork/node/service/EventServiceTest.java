package org.branchwork.node.service;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Places, approvals and erasure, on the service with a real database and an outbox that records what would be sent. */
class EventServiceTest {

    private static final Acting ORGANISER = Acting.apiToken();

    @RegisterExtension
    final MemoryDatabase db = new MemoryDatabase();

    private final Transactions tx = db.transactions();
    private final TestClock clock = TestClock.startingNow();
    private final MemberStore memberStore = new MemberStore();
    private final RsvpStore rsvpStore = new RsvpStore();
    private final RecordingOutbox outbox = new RecordingOutbox();
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
    private final MemberErasure erasure = new MemberErasure(
            tx, memberStore, new AuditLog(tx, new AuditStore(), clock), attendance::memberErased, () -> {});

    @Test
    void aCancellationKeepsItsReasonAndATooLongOneIsRefusedWithNothingChanged() {
        BranchEvent e = event("", "free");
        String essay = "x".repeat(EventService.MAX_REASON + 1);
        assertThatThrownBy(() -> events.cancel(ORGANISER, e.id(), essay))
                .isInstanceOf(RequestRefused.Invalid.class)
                .hasMessageContaining("Reason");
        assertThat(events.find(e.id()).orElseThrow().cancelled())
                .as("refused: not cancelled")
                .isFalse();
        assertThat(events.cancellationReason(e.id())).isEmpty();

        events.cancel(ORGANISER, e.id(), "  Storm warning.  ");
        assertThat(events.find(e.id()).orElseThrow().cancelled()).isTrue();
        assertThat(events.cancellationReason(e.id())).contains("Storm warning.");
        assertThat(outbox.counts).as("followers get the Update").isNotEmpty();
    }

    @Test
    void theLastPlaceGoesToOneMemberAndPassesToTheNextInLineWhenTheyWithdraw() {
        BranchEvent e = event("1", "free");
        Member ana = member("Ana"), ben = member("Ben");

        assertThat(attendance.rsvp(ana.id(), e.id())).isInstanceOf(RsvpService.Outcome.Accepted.class);
        assertThat(attendance.rsvp(ben.id(), e.id()))
                .as("full: Ben waits, first in line")
                .isInstanceOfSatisfying(
                        RsvpService.Outcome.Waitlisted.class,
                        w -> assertThat(w.position()).isEqualTo(1));
        assertThat(outbox.counts).last().isEqualTo(new EventCounts(1, 0, 1));

        assertThat(attendance.withdraw(ana.id(), e.id())).isTrue();
        assertThat(outbox.counts)
                .as("Ana's place went to Ben in the same change")
                .last()
                .isEqualTo(new EventCounts(1, 0, 0));
        assertThat(attendance.rsvp(ben.id(), e.id())).isInstanceOf(RsvpService.Outcome.Accepted.class);
        assertThat(attendance.rsvp(ben.id(), e.id()))
                .as("asking twice keeps one place")
                .isInstanceOf(RsvpService.Outcome.Accepted.class);
        assertThat(events.counts(events.find(e.id()).orElseThrow()).participants())
                .isEqualTo(1);
    }

    @Test
    void aRestrictedEventWaitsForAnOrganiserAndARemoteJoinIsAnsweredEitherWay() {
        BranchEvent e = event("1", "restricted");
        Member ana = member("Ana");
        RsvpService.Outcome waiting = attendance.rsvp(ana.id(), e.id());
        assertThat(waiting).isInstanceOf(RsvpService.Outcome.Pending.class);
        assertThat(outbox.counts).as("nobody counted yet").isEmpty();

        String rsvpId = ((RsvpService.Outcome.Pending) waiting).rsvp().id();
        assertThat(attendance.approve(ORGANISER, e.id(), rsvpId, true)).isTrue();
        assertThat(events.counts(e).participants()).isEqualTo(1);

        URI actor = URI.create("https://mobilizon.example/@sam");
        RsvpService.Outcome remote = attendance.remoteJoin(
                e.id(), actor, URI.create(actor + "/inbox"), "Sam", URI.create("https://mobilizon.example/join/1"));
        assertThat(remote).isInstanceOf(RsvpService.Outcome.Pending.class);
        String remoteId = ((RsvpService.Outcome.Pending) remote).rsvp().id();
        assertThat(attendance.approve(ORGANISER, e.id(), remoteId, true)).isTrue();
        assertThat(outbox.answers)
                .as("the event is full: approved, Sam waits on the list, unanswered until a place is theirs")
                .isEmpty();
        assertThat(attendance.attendees(ORGANISER, e.id()))
                .filteredOn(a -> a.actor() != null)
                .singleElement()
                .satisfies(a -> assertThat(a.state()).isEqualTo(Rsvp.State.WAITLISTED))
                .satisfies(a -> assertThat(a.position()).isEqualTo(1));
    }

    @Test
    void anErasedMembersPlaceIsFreedForWhatIsToComeAndTheirPastAttendanceStillCountsNamingNobody() {
        BranchEvent past = events.create(
                        ORGANISER,
                        new EventInput(
                                "Last year's meeting",
                                "",
                                "2098-01-01T19:00",
                                "2098-01-01T21:00",
                                "Europe/London",
                                "Hall",
                                null,
                                null,
                                null,
                                null,
                                "5",
                                "free",
                                "meeting",
                                null))
                .event();
        BranchEvent coming = event("5", "free");
        Member ana = member("Ana");
        attendance.rsvp(ana.id(), past.id());
        attendance.rsvp(ana.id(), coming.id());
        clock.advance(Duration.between(clock.instant(), Instant.parse("2098-06-01T00:00:00Z")));
        outbox.counts.clear();

        assertThat(erasure.eraseOwnAccount(ana)).isEmpty();

        assertThat(events.counts(coming).participants())
                .as("the place is free again")
                .isZero();
        assertThat(attendance.attendees(ORGANISER, coming.id())).isEmpty();
        assertThat(outbox.counts).as("followers get the new count").containsExactly(new EventCounts(0, 5));
        assertThat(events.counts(past).participants())
                .as("past attendance still adds up")
                .isEqualTo(1);
        assertThat(attendance.attendees(ORGANISER, past.id()))
                .singleElement()
                .satisfies(a -> assertThat(a.name()).isEqualTo("(former member)"))
                .satisfies(a -> assertThat(a.state()).isEqualTo(Rsvp.State.ACCEPTED));
    }

    @Test
    void theMailsAnEventNeedsGoToWhoAnsweredAndTheReminderOnlyOnceToThoseStillComing() {
        BranchEvent e = event("", "free");
        BranchEvent other = event("", "free");
        Member ana = member("Ana"), ben = member("Ben"), cat = member("Cat");
        attendance.rsvp(ana.id(), e.id());
        attendance.rsvp(ben.id(), e.id());
        attendance.rsvp(cat.id(), other.id());
        attendance.withdraw(ben.id(), e.id());
        events.cancel(ORGANISER, other.id(), "The hall flooded.");
        List<MailQueueStore.Queued> first = queued();
        assertThat(first)
                .filteredOn(q -> q.kind() == MailKind.RSVP_CONFIRMED)
                .hasSize(3)
                .allSatisfy(q -> assertThat(q.calendar()).contains("BEGIN:VEVENT"));
        assertThat(first)
                .filteredOn(q -> q.kind() == MailKind.EVENT_CANCELLED)
                .singleElement()
                .satisfies(q -> assertThat(q.member()).isEqualTo(cat.id()))
                .satisfies(q -> assertThat(q.body()).contains("The hall flooded."))
                .satisfies(q -> assertThat(q.calendar()).contains("STATUS:CANCELLED"));

        // The day before: one reminder, to Ana (Ben withdrew; the other event is cancelled), however often it runs.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2099-01-01T09:00:00Z")));
        assertThat(mails.remindDue()).isEqualTo(1);
        assertThat(mails.remindDue()).isZero();
        assertThat(queued())
                .singleElement()
                .satisfies(q -> assertThat(q.kind()).isEqualTo(MailKind.EVENT_REMINDER))
                .satisfies(q -> assertThat(q.member()).isEqualTo(ana.id()))
                .satisfies(
                        q -> assertThat(q.body()).containsPattern("https://stockport.example/rsvp/\\S+\\?answer=no"));
    }

    @Test
    void everyoneWhoAnswersInTimeIsRemindedOnceEvenAfterTheFirstRemindersWent() {
        // 20:00 the day before, 23 hours ahead: within the reminder's day, Ana's reminder goes.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2098-12-31T20:00:00Z")));
        BranchEvent e = event("", "free");
        Member ana = member("Ana"), ben = member("Ben"), cat = member("Cat");
        attendance.rsvp(ana.id(), e.id());
        queued();
        assertThat(mails.remindDue())
                .as("published less than a day ahead, its first answer is reminded")
                .isEqualTo(1);

        // Ben answers an hour later: he is reminded too (marking the event once would have missed him).
        clock.advance(Duration.ofHours(1));
        attendance.rsvp(ben.id(), e.id());
        assertThat(mails.remindDue()).isEqualTo(1);
        assertThat(mails.remindDue()).isZero();
        // Cat answers an hour before the start: the confirmation just went, no reminder follows it.
        clock.advance(Duration.ofHours(21));
        attendance.rsvp(cat.id(), e.id());
        assertThat(mails.remindDue()).isZero();
        assertThat(queued())
                .filteredOn(q -> q.kind() == MailKind.EVENT_REMINDER)
                .extracting(MailQueueStore.Queued::member)
                .containsExactly(ana.id(), ben.id());
    }

    private int claims;

    /** What is queued and not yet claimed (claiming it here, so the next call sees only what came since). */
    private List<MailQueueStore.Queued> queued() {
        String claim = "test-" + (++claims);
        return tx.inTransaction(c -> mailQueue.claimDue(
                c, clock.instant().plusSeconds(1), 1000, claim, Instant.parse("2999-01-01T00:00:00Z")));
    }

    private BranchEvent event(String capacity, String joinMode) {
        EventService.Result r = events.create(
                ORGANISER,
                new EventInput(
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
                        null));
        assertThat(r.errors()).isEmpty();
        return r.event();
    }

    private Member member(String name) {
        return switch (members.create(
                ORGANISER, name, name.toLowerCase() + "@example.org", "M1 1AE", "", true, "", "test")) {
            case MemberService.CreateResult.Created c -> c.member();
            case MemberService.CreateResult.Invalid i -> throw new AssertionError(i.errors());
        };
    }

    /** Records the counts sent with Update(Event) and the answers to remote Joins; sends nothing. */
    private static final class RecordingOutbox implements FederationOutbox {
        final List<EventCounts> counts = new ArrayList<>();
        final List<Boolean> answers = new ArrayList<>();

        @Override
        public Optional<URI> publish(Connection c, DomainChange change) {
            switch (change) {
                case DomainChange.EventChanged changed -> counts.add(changed.counts());
                case DomainChange.RsvpAnswered answered -> answers.add(answered.accepted());
                default -> {}
            }
            return Optional.of(URI.create("https://example.org/activities/1"));
        }
    }
}
