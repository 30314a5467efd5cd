package org.branchwork.node.service;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.TestClock;
import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.MailQueueStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.PeerPolicyStore;
import org.branchwork.node.storage.PollVoteStore;
import org.branchwork.node.storage.RsvpStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.node.testing.MemoryDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** An event's RSVP poll closes on the wire when the event starts, once; a vote after that is refused. */
class PollRsvpsTest {

    @RegisterExtension
    final MemoryDatabase db = new MemoryDatabase();

    private final Transactions tx = db.transactions();
    private final TestClock clock = TestClock.startingNow();
    private final RsvpStore rsvpStore = new RsvpStore();
    private final EventStore eventStore = new EventStore();
    private final List<DomainChange> sent = new CopyOnWriteArrayList<>();
    private final FederationOutbox outbox = new FederationOutbox() {
        @Override
        public Optional<URI> publish(Connection c, DomainChange change) {
            sent.add(change);
            return Optional.empty();
        }
    };
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
    private final RsvpService attendance =
            new RsvpService(tx, eventStore, rsvpStore, new MemberStore(), outbox, () -> {}, mails, clock);
    private final PollRsvps polls =
            new PollRsvps(tx, eventStore, new PollVoteStore(), rsvpStore, attendance, outbox, () -> {}, clock);

    @Test
    void thePollClosesOnceWhenTheEventStartsAndALaterVoteIsRefused() {
        BranchEvent e = events.create(
                        Acting.apiToken(),
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
                                null,
                                "free",
                                "meeting",
                                null))
                .event();
        assertThat(polls.closeDue()).as("not started yet").isZero();

        clock.advance(Duration.between(clock.instant(), Instant.parse("2099-01-01T19:30:00Z")));
        sent.clear();
        assertThat(polls.closeDue()).isEqualTo(1);
        assertThat(sent).singleElement().isInstanceOf(DomainChange.EventPollClosed.class);
        assertThat(polls.closeDue()).as("once").isZero();

        URI actor = URI.create("https://mastodon.example/users/alice");
        PollRsvps.Voted late = polls.vote(new PollRsvps.Vote(
                e.id(),
                actor,
                URI.create(actor + "/inbox"),
                "Alice",
                URI.create(actor + "#votes/1/activity"),
                URI.create(actor + "#votes/1"),
                true));
        assertThat(late).isEqualTo(new PollRsvps.Voted.Refused(PollRsvps.CLOSED));
        assertThat(sent)
                .filteredOn(c -> c instanceof DomainChange.RsvpAnswered a && !a.accepted())
                .as("answered Reject")
                .hasSize(1);
    }
}
