package org.branchwork.node.service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.PollVoteStore;
import org.branchwork.node.storage.Transactions;

/**
 * RSVPs by an event's poll, for fediverse users whose server cannot send a {@code Join}
 * (Mastodon): a "Going" vote is that actor's RSVP, decided and answered by {@link RsvpService}
 * exactly as their {@code Join} would be (the vote's id in place of the Join's); "Not going"
 * withdraws it as a {@code Leave} would. The poll closes when the event starts or is cancelled: a
 * later vote is refused, and answered {@code Reject}. Each vote is kept, once, in
 * {@link PollVoteStore} before it is decided, so that its answer embeds it and the poll counts it.
 */
public final class PollRsvps {

    /** Why a vote on a closed poll is refused. */
    public static final String CLOSED = "The poll closed when the event started or was cancelled.";

    private final Transactions tx;
    private final EventStore events;
    private final PollVoteStore votes;
    private final org.branchwork.node.storage.RsvpStore attendance;
    private final RsvpService rsvps;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;
    private final Clock clock;

    public PollRsvps(
            Transactions tx,
            EventStore events,
            PollVoteStore votes,
            org.branchwork.node.storage.RsvpStore attendance,
            RsvpService rsvps,
            FederationOutbox outbox,
            Runnable afterCommit,
            Clock clock) {
        this.tx = tx;
        this.events = events;
        this.votes = votes;
        this.attendance = attendance;
        this.rsvps = rsvps;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /** A vote on the poll of event {@code id}: {@code voteId} is its {@code Create}'s id, {@code noteId} its Note's. */
    public record Vote(EventId id, URI actor, URI inbox, String name, URI voteId, URI noteId, boolean going) {}

    /** What a vote did. */
    public sealed interface Voted {
        /** "Going": decided as a {@code Join} would be (accepted, pending, waitlisted or refused). */
        record Rsvped(RsvpService.Outcome outcome) implements Voted {}

        /** "Not going": the actor's RSVP is withdrawn, or there was none ({@code withdrawn} false). */
        record NotGoing(boolean withdrawn) implements Voted {}

        /** Not counted: the poll is closed, the event gone, or the vote was counted already. */
        record Refused(String reason) implements Voted {}
    }

    /**
     * "Going" becomes the actor's RSVP ({@link RsvpService#remoteJoin}); "Not going" withdraws it
     * ({@link RsvpService#remoteLeave}). A vote id seen before changes nothing.
     */
    public Voted vote(Vote v) {
        Instant now = clock.instant();
        Optional<Voted> early = tx.inTransaction(c -> {
            Optional<BranchEvent> event = events.find(c, v.id()).filter(e -> !e.isDeleted());
            if (event.isEmpty()) {
                return Optional.<Voted>of(new Voted.Refused("There is no such event."));
            }
            if (!votes.record(c, new PollVoteStore.Vote(v.voteId(), v.id(), v.actor(), v.noteId(), v.going()), now)) {
                return Optional.<Voted>of(new Voted.Refused("This vote was counted already."));
            }
            BranchEvent e = event.get();
            if (e.cancelled() || !now.isBefore(e.start())) {
                String shown = v.name() == null || v.name().isBlank()
                        ? v.actor().getHost()
                        : v.name().strip();
                Rsvp refused =
                        new Rsvp(null, e.id(), null, v.actor(), v.inbox(), shown, v.voteId(), Rsvp.State.REJECTED, now);
                outbox.publish(c, new DomainChange.RsvpAnswered(e, refused, false));
                return Optional.<Voted>of(new Voted.Refused(CLOSED));
            }
            return Optional.<Voted>empty();
        });
        if (early.isPresent()) {
            afterCommit.run();
            return early.get();
        }
        if (v.going()) {
            return new Voted.Rsvped(rsvps.remoteJoin(v.id(), v.actor(), v.inbox(), v.name(), v.voteId()));
        }
        return new Voted.NotGoing(rsvps.remoteLeave(v.id(), v.actor()));
    }

    /**
     * Closes on the wire the polls of events that have started (a sweep, before each mail claim):
     * their followers get the {@code Update(Question)} with {@code closed}, once per event. A
     * cancelled event's poll was closed by the cancellation's {@code Update}.
     */
    public int closeDue() {
        Instant now = clock.instant();
        int closed = 0;
        for (EventId id : tx.inTransaction(c -> votes.pollsToClose(c, now, 200))) {
            boolean sent = tx.inTransaction(c -> {
                Optional<BranchEvent> e = events.lockedLive(c, id);
                if (e.isEmpty() || !votes.pollClosed(c, id, now)) {
                    return false;
                }
                outbox.publish(c, new DomainChange.EventPollClosed(e.get(), attendance.counts(c, e.get())));
                return true;
            });
            closed += sent ? 1 : 0;
        }
        if (closed > 0) {
            afterCommit.run();
        }
        return closed;
    }

    /** How many actors' last vote on the event's poll is "Not going" (the poll's second count). */
    public long notGoing(EventId id) {
        return tx.inTransaction(c -> votes.notGoing(c, id));
    }
}
