package org.branchwork.node.service;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.PageNumber;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.RsvpStore;
import org.branchwork.node.storage.Transactions;

/**
 * The branch's events: publishing, editing, cancelling and deleting them, and reading them back.
 * Every change is stored and handed to the {@link FederationOutbox} in one transaction: followers
 * get {@code Create}/{@code Update}/{@code Delete(Event)}. Who comes is {@link RsvpService}'s.
 */
public final class EventService {

    public static final int PAGE = 20;

    /** A created or edited event, or why not. */
    public record Result(BranchEvent event, List<FieldError> errors) {}

    private final Transactions tx;
    private final EventStore events;
    private final RsvpStore rsvps;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;
    private final EventMails mails;
    private final Clock clock;
    private final WaitingList waiting;

    public EventService(
            Transactions tx,
            EventStore events,
            RsvpStore rsvps,
            FederationOutbox outbox,
            Runnable afterCommit,
            EventMails mails,
            Clock clock) {
        this.mails = mails;
        this.tx = tx;
        this.events = events;
        this.rsvps = rsvps;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.waiting = new WaitingList(rsvps, outbox, mails, clock);
    }

    public Result create(Acting who, EventInput input) {
        NotAllowed.unless(who, Role.ORGANISER);
        EventInput.Checked checked = input.check();
        if (checked.draft() == null) {
            return new Result(null, checked.errors());
        }
        EventInput.EventDraft d = checked.draft();
        BranchEvent e = d.event(EventId.random(), false, clock.instant(), null);
        tx.inTransaction(c -> {
            events.insert(c, e);
            outbox.publish(c, new DomainChange.EventPublished(e, EventCounts.of(e, 0)));
            return null;
        });
        afterCommit.run();
        return new Result(e, List.of());
    }

    /**
     * Replaces the event's details; empty when there is no such event. A lowered capacity keeps
     * those already accepted; a raised one gives the new places to the first on the waiting list,
     * in the same transaction (under the event's lock, so an RSVP or withdrawal at the same time
     * waits for it and sees the new capacity).
     */
    public Optional<Result> edit(Acting who, EventId id, EventInput input) {
        NotAllowed.unless(who, Role.ORGANISER);
        EventInput.Checked checked = input.check();
        if (checked.draft() == null) {
            return find(id).map(e -> new Result(null, checked.errors()));
        }
        EventInput.EventDraft d = checked.draft();
        Optional<Result> edited = tx.inTransaction(c -> {
            Optional<BranchEvent> current = events.lockedLive(c, id);
            if (current.isEmpty()) {
                return Optional.<Result>empty();
            }
            BranchEvent old = current.get();
            BranchEvent e = d.event(id, old.cancelled(), old.published(), clock.instant());
            events.update(c, e);
            mails.changed(c, old, e);
            waiting.fillAndTell(c, e);
            outbox.publish(c, new DomainChange.EventChanged(e, rsvps.counts(c, e)));
            return Optional.of(new Result(e, List.of()));
        });
        edited.ifPresent(r -> afterCommit.run());
        return edited;
    }

    /** The longest reason for a cancellation an organiser may give. */
    public static final int MAX_REASON = 1000;

    /** Cancels the event: it stays visible as cancelled and followers get an {@code Update} saying so. */
    public Optional<BranchEvent> cancel(Acting who, EventId id) {
        return cancel(who, id, null);
    }

    /**
     * Cancels the event, saying why (shown on its page, and the words attendees are told); a
     * reason of more than {@value #MAX_REASON} characters is refused.
     */
    public Optional<BranchEvent> cancel(Acting who, EventId id, String reason) {
        NotAllowed.unless(who, Role.ORGANISER);
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) {
            throw new RequestRefused.Invalid(
                    List.of(new FieldError("reason", "Reason: at most " + MAX_REASON + " characters.")));
        }
        Optional<BranchEvent> cancelled = tx.inTransaction(c -> {
            Optional<BranchEvent> current = events.lockedLive(c, id);
            if (current.isEmpty()) {
                return Optional.<BranchEvent>empty();
            }
            if (why != null) {
                events.saveCancellation(c, id, why, clock.instant());
            }
            if (current.get().cancelled()) {
                return current;
            }
            BranchEvent e = current.get().cancel(clock.instant());
            events.update(c, e);
            outbox.publish(c, new DomainChange.EventChanged(e, rsvps.counts(c, e)));
            mails.cancelled(c, e, why);
            return Optional.of(e);
        });
        cancelled.ifPresent(e -> afterCommit.run());
        return cancelled;
    }

    /** Deletes the event: followers get a {@code Delete}, its IRI a {@code Tombstone}. */
    public boolean delete(Acting who, EventId id) {
        NotAllowed.unless(who, Role.ORGANISER);
        boolean deleted = tx.inTransaction(c -> {
            Optional<BranchEvent> current = events.lockedLive(c, id);
            if (current.isEmpty()) {
                return false;
            }
            BranchEvent gone = current.get().delete(clock.instant());
            events.update(c, gone);
            outbox.publish(c, new DomainChange.EventDeleted(gone));
            return true;
        });
        if (deleted) {
            afterCommit.run();
        }
        return deleted;
    }

    /** Why an organiser cancelled the event, when they said. */
    public Optional<String> cancellationReason(EventId id) {
        return tx.inTransaction(c -> events.cancellationReason(c, id));
    }

    /** The event, deleted ones included (their IRI answers 410). */
    public Optional<BranchEvent> find(EventId id) {
        return tx.inTransaction(c -> events.find(c, id));
    }

    public EventCounts counts(BranchEvent e) {
        return tx.inTransaction(c -> rsvps.counts(c, e));
    }

    /** Page {@code page} (from 1) of events that have not ended, soonest first; one more than a page tells there is a next. */
    public List<BranchEvent> upcoming(int page) {
        return tx.inTransaction(c -> events.upcoming(c, clock.instant(), PageNumber.offset(page, PAGE), PAGE + 1));
    }

    /** Events for the branch calendar: from 90 days ago on. */
    public List<BranchEvent> forCalendar() {
        return tx.inTransaction(c -> events.since(c, clock.instant().minus(Duration.ofDays(90)), 2000));
    }

    /** This branch's events for a campaign, by date. */
    public List<BranchEvent> ofCampaign(URI campaign) {
        return tx.inTransaction(c -> events.ofCampaign(c, campaign));
    }
}
