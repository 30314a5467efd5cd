package org.branchwork.node.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventAttended;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.storage.AttendanceStore;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.RsvpStore;
import org.branchwork.node.storage.Transactions;

/**
 * Check-in at the door and the attendance it adds up to. Each tick is its own transaction on one
 * RSVP row, under the event's row lock (the lock every decision on its places takes): two
 * organisers ticking the same person make one check-in, ticking different people lose neither, and
 * a walk-in or a capacity change is never decided on a count another transaction is changing.
 * Someone who is not on the list is added as a walk-in (accepted and checked in, even over
 * capacity: they are in the room); automatic promotion counts them, so it never gives a place that
 * is not free. After the event an accepted RSVP is attended when checked in and a no-show when not.
 *
 * <p>The attended count goes out once an event ends ({@link #reportEnded}: one {@code Update} of the
 * {@code Event} carrying {@code bw:attendedCount}, to followers and the campaign's owner) and again
 * after each later correction; before the end ticks go out only when they change the participants.
 */
public final class AttendanceService {

    /** Who an organiser ticks: a member, a remote actor, or a walk-in known only by name. */
    public sealed interface Person {
        record Local(MemberId member) implements Person {}

        record Remote(URI actor) implements Person {}

        record Named(String name) implements Person {}
    }

    /** A tick's result: the RSVP it is on, whether they are checked in, and whether it added a walk-in. */
    public record Marked(String rsvp, boolean attended, boolean walkIn) {}

    /**
     * One row of the door list. {@code outcome} is "attended" or "no-show" once the event is over
     * (null before, and for anyone not accepted).
     */
    public record Entry(
            String rsvp,
            String name,
            String kind,
            Rsvp.State state,
            boolean checkedIn,
            boolean walkIn,
            MemberId member,
            String outcome) {}

    /** The door list and its counts. */
    public record Door(BranchEvent event, List<Entry> entries, int listed, int checkedIn, boolean over) {}

    private static final int REPORT_BATCH = 50;

    private final Transactions tx;
    private final EventStore events;
    private final RsvpStore rsvps;
    private final AttendanceStore attendance;
    private final MemberStore members;
    private final MemberService memberService;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;
    private final Clock clock;

    public AttendanceService(
            Transactions tx,
            EventStore events,
            RsvpStore rsvps,
            AttendanceStore attendance,
            MemberStore members,
            MemberService memberService,
            FederationOutbox outbox,
            Runnable afterCommit,
            Clock clock) {
        this.tx = tx;
        this.events = events;
        this.rsvps = rsvps;
        this.attendance = attendance;
        this.members = members;
        this.memberService = memberService;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /**
     * The door list, filtered by {@code query} (any part of a name, or of a member's email; case
     * and accents as typed), with the counts of the whole list.
     */
    public Door door(Acting who, EventId id, String query) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> {
            BranchEvent e = events.find(c, id)
                    .filter(x -> !x.isDeleted())
                    .orElseThrow(() -> new RequestRefused.NotFound("There is no such event."));
            boolean over = !e.end().isAfter(clock.instant());
            String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
            List<Entry> shown = new ArrayList<>();
            int checkedIn = 0;
            List<AttendanceStore.Entry> all = attendance.list(c, id);
            for (AttendanceStore.Entry r : all) {
                if (r.checkedIn() != null) {
                    checkedIn++;
                }
                String name = r.name() == null ? "(former member)" : r.name();
                if (!q.isEmpty()
                        && !name.toLowerCase(Locale.ROOT).contains(q)
                        && (r.email() == null || !r.email().contains(q))) {
                    continue;
                }
                String outcome = !over || r.state() != Rsvp.State.ACCEPTED
                        ? null
                        : r.checkedIn() != null ? "attended" : "no-show";
                shown.add(new Entry(
                        r.rsvp(),
                        name,
                        r.actor() != null ? "fediverse" : r.member() != null ? "member" : "walk-in",
                        r.state(),
                        r.checkedIn() != null,
                        r.walkIn(),
                        r.member(),
                        outcome));
            }
            return new Door(e, shown, all.size(), checkedIn, over);
        });
    }

    /** Ticks (or un-ticks) one RSVP of the list; empty when it is not this event's. */
    public Optional<Marked> tick(Acting who, EventId id, String rsvp, boolean attended) {
        NotAllowed.unless(who, Role.ORGANISER);
        Optional<Marked> marked = tx.inTransaction(c -> {
            BranchEvent e = open(c, id);
            Optional<Rsvp> r = rsvps.find(c, rsvp).filter(x -> x.event().equals(id));
            if (r.isEmpty()) {
                return Optional.<Marked>empty();
            }
            return Optional.of(mark(c, e, r.get(), attended));
        });
        afterCommit.run();
        return marked;
    }

    /**
     * Ticks (or un-ticks) a person, found on the list by who they are; someone not on it is added
     * as a walk-in when {@code attended}, not lost. Un-ticking someone not on the list changes
     * nothing.
     */
    public Marked mark(Acting who, EventId id, Person person, boolean attended) {
        NotAllowed.unless(who, Role.ORGANISER);
        Marked marked = tx.inTransaction(c -> {
            BranchEvent e = open(c, id);
            Optional<Rsvp> existing = switch (person) {
                case Person.Local l -> {
                    if (members.find(c, l.member()).isEmpty()) {
                        throw new RequestRefused.NotFound("There is no such member.");
                    }
                    yield rsvps.ofMember(c, id, l.member());
                }
                case Person.Remote r -> rsvps.ofActor(c, id, r.actor());
                case Person.Named n -> Optional.empty();
            };
            if (existing.isPresent()) {
                return mark(c, e, existing.get(), attended);
            }
            if (!attended) {
                return new Marked(null, false, false);
            }
            String rsvp = switch (person) {
                case Person.Local l -> attendance.walkIn(c, id, l.member(), null, null, clock.instant());
                case Person.Remote r ->
                    attendance.walkIn(c, id, null, r.actor(), r.actor().getHost(), clock.instant());
                case Person.Named n -> attendance.walkIn(c, id, null, null, n.name(), clock.instant());
            };
            changed(c, e, true);
            return new Marked(rsvp, true, true);
        });
        afterCommit.run();
        return marked;
    }

    /**
     * A walk-in who is not a member yet: with an email (and, as for every member, a postcode) they become one (or, when the email is a
     * member's already, that member is ticked), their contact consent recorded as the organiser's
     * member form records it; without, they are counted by the name given and nothing else is kept.
     */
    public Marked walkIn(Acting who, EventId id, String name, String email, String postcode, boolean consent) {
        NotAllowed.unless(who, Role.ORGANISER);
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > 100) {
            throw new RequestRefused.Invalid(
                    List.of(new FieldError("name", "Give the walk-in's name (up to 100 characters).")));
        }
        if (email == null || email.isBlank()) {
            return mark(who, id, new Person.Named(n), true);
        }
        Optional<Member> known = tx.inTransaction(c -> members.findByEmail(c, email.strip()));
        if (known.isPresent()) {
            return mark(who, id, new Person.Local(known.get().id()), true);
        }
        return switch (memberService.create(who, n, email, postcode, "", consent, "", "check-in")) {
            case MemberService.CreateResult.Created created ->
                mark(who, id, new Person.Local(created.member().id()), true);
            case MemberService.CreateResult.Invalid invalid -> throw new RequestRefused.Invalid(invalid.errors());
        };
    }

    /** The events the member was checked in at, latest first (their record, {@code /me}). */
    public List<EventAttended> attendedBy(MemberId member) {
        return tx.inTransaction(c -> attendance.attendedBy(c, member));
    }

    /**
     * Sends the attended count of each event that has ended since the last call, once: events
     * where nobody was checked in are marked and send nothing (check-in was not used; "nobody
     * came" would be wrong). Run by the node's background loop; returns how many went out.
     */
    public int reportEnded() {
        List<EventId> due = tx.inTransaction(c -> attendance.dueReports(c, clock.instant(), REPORT_BATCH));
        int sent = 0;
        for (EventId id : due) {
            boolean went = tx.inTransaction(c -> {
                Optional<BranchEvent> e = events.lockedLive(c, id);
                if (!attendance.reported(c, id, clock.instant()) || e.isEmpty()) {
                    return false;
                }
                EventCounts counts = rsvps.counts(c, e.get());
                if (counts.attended() == 0) {
                    return false;
                }
                outbox.publish(c, new DomainChange.EventChanged(e.get(), counts));
                return true;
            });
            if (went) {
                sent++;
            }
        }
        if (sent > 0) {
            afterCommit.run();
        }
        return sent;
    }

    private Marked mark(Connection c, BranchEvent e, Rsvp r, boolean attended) throws SQLException {
        if (attended) {
            Rsvp.State before = attendance.checkIn(c, e.id(), r.id(), clock.instant());
            boolean placed = before != Rsvp.State.ACCEPTED;
            if (placed && r.isRemote() && r.actorInbox() != null) {
                // Waiting or pending, now in the room: their server hears that the place is theirs.
                outbox.publish(c, new DomainChange.RsvpAnswered(e, r.in(Rsvp.State.ACCEPTED), true));
            }
            changed(c, e, placed);
            return new Marked(r.id(), true, false);
        }
        boolean was = attendance.checkOut(c, e.id(), r.id(), clock.instant());
        boolean unplaced = false;
        if (was) {
            unplaced = rsvps.find(c, r.id())
                    .map(x -> x.state() == Rsvp.State.WITHDRAWN)
                    .orElse(false);
            changed(c, e, unplaced);
        }
        return new Marked(r.id(), false, false);
    }

    /** Followers and the campaign's owner hear of a tick that moved the participants, or any after the end. */
    private void changed(Connection c, BranchEvent e, boolean participantsMoved) throws SQLException {
        if (participantsMoved || !e.end().isAfter(clock.instant())) {
            outbox.publish(c, new DomainChange.EventChanged(e, rsvps.counts(c, e)));
        }
    }

    private BranchEvent open(Connection c, EventId id) throws SQLException {
        BranchEvent e =
                events.lockedLive(c, id).orElseThrow(() -> new RequestRefused.NotFound("There is no such event."));
        if (e.cancelled()) {
            throw new RequestRefused.Invalid(
                    List.of(new FieldError("event", "The event is cancelled: nobody can be checked in.")));
        }
        return e;
    }
}
