package org.branchwork.node.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.JoinMode;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.RsvpStore;
import org.branchwork.node.storage.Transactions;

/**
 * Who comes to the branch's events: members' RSVPs and remote {@code Join}s, organisers' approvals,
 * the waiting list of a full event, the attendee list, and erasure's part in it. Each decision on a
 * place first takes the event's row lock, so two last-place requests cannot both be accepted, and
 * places are given by guarded updates ({@link WaitingList}); each is handed to the
 * {@link FederationOutbox} in the same transaction: the remote participant's {@code Accept} or
 * {@code Reject}, the followers' {@code Update} with the new counts.
 */
public final class RsvpService {

    /** What became of an RSVP. */
    public sealed interface Outcome {
        /** Accepted: a place is theirs. */
        record Accepted(Rsvp rsvp) implements Outcome {}

        /** Waiting for an organiser (restricted events). */
        record Pending(Rsvp rsvp) implements Outcome {}

        /** The event is full: on its waiting list, {@code position} in line (from 1). */
        record Waitlisted(Rsvp rsvp, int position) implements Outcome {}

        /** Refused, with the reason shown to the person. */
        record Refused(String reason) implements Outcome {}
    }

    /**
     * One person on an event's attendee list, as organisers see it; {@code position} is their place
     * on the waiting list (from 1), 0 when they are not waiting.
     */
    public record Attendee(
            String rsvpId, String name, String kind, URI actor, Rsvp.State state, Instant since, int position) {}

    private final Transactions tx;
    private final EventStore events;
    private final RsvpStore rsvps;
    private final MemberStore members;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;
    private final EventMails mails;
    private final Clock clock;
    private final WaitingList waiting;

    public RsvpService(
            Transactions tx,
            EventStore events,
            RsvpStore rsvps,
            MemberStore members,
            FederationOutbox outbox,
            Runnable afterCommit,
            EventMails mails,
            Clock clock) {
        this.mails = mails;
        this.tx = tx;
        this.events = events;
        this.rsvps = rsvps;
        this.members = members;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.clock = clock;
        this.waiting = new WaitingList(rsvps, outbox, mails, clock);
    }

    /**
     * The event's online link if {@code who} may see it: organisers and accepted participants only,
     * in every representation (page, API); never published on the wire or in feeds. Everyone else,
     * a member waiting for approval of a restricted event included, learns only that it is online.
     */
    public Optional<URI> onlineLinkFor(Optional<Acting> who, BranchEvent e) {
        if (e.onlineUrl() == null || who.isEmpty()) {
            return Optional.empty();
        }
        if (who.get().can(Role.ORGANISER)) {
            return Optional.of(e.onlineUrl());
        }
        MemberId member = who.get().member();
        boolean accepted = member != null
                && rsvpOf(member, e.id())
                        .map(r -> r.state() == Rsvp.State.ACCEPTED)
                        .orElse(false);
        return accepted ? Optional.of(e.onlineUrl()) : Optional.empty();
    }

    /** The member's RSVP to the event, if any. */
    public Optional<Rsvp> rsvpOf(MemberId member, EventId id) {
        return tx.inTransaction(c -> rsvps.ofMember(c, id, member));
    }

    /** One of a member's RSVPs as "download my data" lists it. */
    public record MemberRsvp(String event, Instant starts, Rsvp.State state, Instant since) {}

    /** Where a waitlisted RSVP stands in line, from 1; 0 when it is not waiting. */
    public int positionOf(Rsvp rsvp) {
        return tx.inTransaction(c -> rsvps.position(c, rsvp.id()));
    }

    /** Every RSVP the member made, with the event it is for (what the branch keeps about their attendance). */
    public List<MemberRsvp> ofMember(MemberId member) {
        return tx.inTransaction(c -> {
            List<MemberRsvp> out = new ArrayList<>();
            for (EventId id : rsvps.eventsOf(c, member)) {
                Optional<BranchEvent> e = events.find(c, id);
                Optional<Rsvp> r = rsvps.ofMember(c, id, member);
                if (e.isPresent() && r.isPresent()) {
                    out.add(new MemberRsvp(
                            e.get().name(),
                            e.get().start(),
                            r.get().state(),
                            r.get().created()));
                }
            }
            return out;
        });
    }

    /**
     * A member RSVPs: accepted while places remain (free events), on the waiting list when the
     * event is full, waiting for an organiser (restricted).
     */
    public Outcome rsvp(MemberId member, EventId id) {
        Outcome outcome = tx.inTransaction(c -> {
            Optional<BranchEvent> event = events.lockedLive(c, id);
            if (event.isEmpty()) {
                return new Outcome.Refused("There is no such event.");
            }
            Optional<Rsvp> existing = rsvps.ofMember(c, id, member);
            return decide(
                    c,
                    event.get(),
                    existing,
                    () -> new Rsvp(
                            UUID.randomUUID().toString(),
                            id,
                            member,
                            null,
                            null,
                            null,
                            null,
                            Rsvp.State.PENDING,
                            clock.instant()),
                    null);
        });
        afterCommit.run();
        return outcome;
    }

    /** A member withdraws their RSVP; false when they had none to withdraw. */
    public boolean withdraw(MemberId member, EventId id) {
        return withdraw(id, c -> rsvps.ofMember(c, id, member));
    }

    // RSVPs from the fediverse.

    /**
     * A remote actor's {@code Join}: decided as a member's RSVP, answered with {@code Accept} or
     * {@code Reject} in the same transaction. A repeated {@code Join} gets the same answer again.
     * A {@code Join} to a full event is kept on the waiting list and not answered yet: the
     * {@code Accept} goes when a place is theirs (Mobilizon, too, leaves a participation it has not
     * decided unanswered).
     */
    public Outcome remoteJoin(EventId id, URI actor, URI inbox, String name, URI joinId) {
        Outcome outcome = tx.inTransaction(c -> {
            Optional<BranchEvent> event = events.lockedLive(c, id);
            if (event.isEmpty()) {
                return new Outcome.Refused("There is no such event.");
            }
            Optional<Rsvp> existing = rsvps.ofActor(c, id, actor);
            String shownName = name == null || name.isBlank() ? actor.getHost() : cut(name.strip(), 200);
            Outcome o = decide(
                    c,
                    event.get(),
                    existing,
                    () -> new Rsvp(
                            UUID.randomUUID().toString(),
                            id,
                            null,
                            actor,
                            inbox,
                            shownName,
                            joinId,
                            Rsvp.State.PENDING,
                            clock.instant()),
                    joinId);
            Rsvp answered = switch (o) {
                case Outcome.Accepted a -> a.rsvp();
                case Outcome.Pending p -> null;
                case Outcome.Waitlisted w -> null;
                case Outcome.Refused r ->
                    new Rsvp(null, id, null, actor, inbox, shownName, joinId, Rsvp.State.REJECTED, clock.instant());
            };
            if (answered != null) {
                outbox.publish(
                        c,
                        new DomainChange.RsvpAnswered(
                                event.get(), answered.answering(joinId), o instanceof Outcome.Accepted));
            }
            return o;
        });
        afterCommit.run();
        return outcome;
    }

    /** A remote actor's {@code Leave} (or {@code Undo} of their {@code Join}); false when they were not coming. */
    public boolean remoteLeave(EventId id, URI actor) {
        return withdraw(id, c -> rsvps.ofActor(c, id, actor));
    }

    /**
     * Withdraws the RSVP {@code find} reads, under the event's lock. A freed place goes to the first
     * on the waiting list in the same transaction; counts go out when it had a place or was waiting.
     */
    private boolean withdraw(EventId id, Transactions.Work<Optional<Rsvp>> find) {
        boolean withdrawn = tx.inTransaction(c -> {
            Optional<BranchEvent> event = events.lockedLive(c, id);
            Optional<Rsvp> existing = find.run(c);
            if (event.isEmpty() || existing.isEmpty() || existing.get().state() == Rsvp.State.WITHDRAWN) {
                return false;
            }
            Rsvp rsvp = existing.get();
            boolean wasCounted = rsvp.state() == Rsvp.State.ACCEPTED;
            boolean wasWaiting = rsvp.state() == Rsvp.State.WAITLISTED;
            rsvps.answer(c, rsvp.id(), Rsvp.State.WITHDRAWN, null, clock.instant());
            if (wasCounted) {
                waiting.fillAndTell(c, event.get());
            }
            if (wasCounted || wasWaiting) {
                outbox.publish(c, new DomainChange.EventChanged(event.get(), rsvps.counts(c, event.get())));
            }
            return true;
        });
        if (withdrawn) {
            afterCommit.run();
        }
        return withdrawn;
    }

    // Organisers.

    /** Everyone who answered, local members by name, remote actors by their public name. */
    public List<Attendee> attendees(Acting who, EventId id) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> {
            java.util.Map<String, Integer> positions = new java.util.HashMap<>();
            for (Rsvp w : rsvps.waiting(c, id, Integer.MAX_VALUE)) {
                positions.put(w.id(), positions.size() + 1);
            }
            List<Attendee> out = new ArrayList<>();
            for (Rsvp r : rsvps.ofEvent(c, id)) {
                String name;
                String kind;
                if (r.isRemote()) {
                    name = r.actorName();
                    kind = "fediverse";
                } else if (r.member() != null) {
                    name = members.find(c, r.member()).map(Member::displayName).orElse("(former member)");
                    kind = "member";
                } else if (r.actorName() != null) {
                    // A walk-in checked in by name alone (AttendanceService): no member record.
                    name = r.actorName();
                    kind = "walk-in";
                } else {
                    name = "(former member)";
                    kind = "member";
                }
                out.add(new Attendee(
                        r.id(), name, kind, r.actor(), r.state(), r.created(), positions.getOrDefault(r.id(), 0)));
            }
            return out;
        });
    }

    /**
     * An organiser accepts or declines an RSVP waiting for approval (restricted events); false when
     * there is none waiting. Accepted when the event is full, it goes on the waiting list.
     */
    public boolean approve(Acting who, EventId id, String rsvpId, boolean accept) {
        NotAllowed.unless(who, Role.ORGANISER);
        boolean done = tx.inTransaction(c -> {
            Optional<BranchEvent> event = events.lockedLive(c, id);
            Optional<Rsvp> rsvp =
                    rsvps.find(c, rsvpId).filter(r -> r.event().equals(id) && r.state() == Rsvp.State.PENDING);
            if (event.isEmpty() || rsvp.isEmpty()) {
                return false;
            }
            if (!accept) {
                rsvps.answer(c, rsvpId, Rsvp.State.REJECTED, null, clock.instant());
                mails.decided(c, event.get(), rsvp.get(), false);
                if (rsvp.get().isRemote()) {
                    outbox.publish(c, new DomainChange.RsvpAnswered(event.get(), rsvp.get(), false));
                }
                return true;
            }
            // Approved: in line, then given a place if one is free (and nobody approved earlier waits).
            rsvps.waitlist(c, rsvpId, null, clock.instant());
            List<Rsvp> promoted = waiting.fill(c, event.get());
            boolean placed = promoted.stream().anyMatch(r -> r.id().equals(rsvpId));
            waiting.tell(
                    c,
                    event.get(),
                    promoted.stream().filter(r -> !r.id().equals(rsvpId)).toList());
            if (placed) {
                mails.decided(c, event.get(), rsvp.get(), true);
                if (rsvp.get().isRemote()) {
                    outbox.publish(c, new DomainChange.RsvpAnswered(event.get(), rsvp.get(), true));
                }
            } else {
                mails.waitlisted(c, event.get(), rsvp.get(), rsvps.position(c, rsvpId));
            }
            outbox.publish(c, new DomainChange.EventChanged(event.get(), rsvps.counts(c, event.get())));
            return true;
        });
        if (done) {
            afterCommit.run();
        }
        return done;
    }

    /**
     * An organiser gives a waitlisted person a place by hand, out of turn and even when every place
     * is taken (the organisers know their room; automatic promotion never goes over capacity). They
     * are told as if promoted from the list. False when the RSVP is not waiting (any more), so a
     * second click promotes nobody, or the event is cancelled or over.
     */
    public boolean promote(Acting who, EventId id, String rsvpId) {
        NotAllowed.unless(who, Role.ORGANISER);
        boolean done = tx.inTransaction(c -> {
            Optional<BranchEvent> event = events.lockedLive(c, id);
            Optional<Rsvp> rsvp =
                    rsvps.find(c, rsvpId).filter(r -> r.event().equals(id) && r.state() == Rsvp.State.WAITLISTED);
            if (event.isEmpty()
                    || rsvp.isEmpty()
                    || event.get().cancelled()
                    || !event.get().end().isAfter(clock.instant())
                    || !rsvps.promoteOverCapacity(c, rsvpId, clock.instant())) {
                return false;
            }
            waiting.tell(c, event.get(), List.of(rsvp.get().in(Rsvp.State.ACCEPTED)));
            outbox.publish(c, new DomainChange.EventChanged(event.get(), rsvps.counts(c, event.get())));
            return true;
        });
        if (done) {
            afterCommit.run();
        }
        return done;
    }

    private Outcome decide(
            Connection c,
            BranchEvent event,
            Optional<Rsvp> existing,
            java.util.function.Supplier<Rsvp> fresh,
            URI joinId)
            throws SQLException {
        if (existing.isPresent() && existing.get().state() == Rsvp.State.ACCEPTED) {
            return new Outcome.Accepted(existing.get());
        }
        if (existing.isPresent() && existing.get().state() == Rsvp.State.PENDING) {
            return new Outcome.Pending(existing.get());
        }
        if (existing.isPresent() && existing.get().state() == Rsvp.State.WAITLISTED) {
            if (joinId != null) {
                // A repeated Join: its Accept, when it comes, names the latest.
                rsvps.answer(c, existing.get().id(), Rsvp.State.WAITLISTED, joinId, clock.instant());
            }
            return new Outcome.Waitlisted(
                    existing.get(), rsvps.position(c, existing.get().id()));
        }
        if (event.cancelled()) {
            return new Outcome.Refused("The event is cancelled.");
        }
        if (!event.end().isAfter(clock.instant())) {
            return new Outcome.Refused("The event is over.");
        }
        boolean restricted = event.joinMode() == JoinMode.RESTRICTED;
        // A free event's RSVP joins the line and then takes a place if one is free: places are only
        // ever given by the waiting list's guarded update, never by a count read beforehand.
        Rsvp.State state = restricted ? Rsvp.State.PENDING : Rsvp.State.WAITLISTED;
        Rsvp rsvp;
        if (existing.isPresent()) {
            if (restricted) {
                rsvps.answer(c, existing.get().id(), state, joinId, clock.instant());
            } else {
                rsvps.waitlist(c, existing.get().id(), joinId, clock.instant());
            }
            Rsvp e = existing.get();
            rsvp = new Rsvp(
                    e.id(),
                    e.event(),
                    e.member(),
                    e.actor(),
                    e.actorInbox(),
                    e.actorName(),
                    joinId != null ? joinId : e.joinId(),
                    state,
                    e.created());
        } else {
            Rsvp f = fresh.get();
            rsvp = new Rsvp(
                    f.id(),
                    f.event(),
                    f.member(),
                    f.actor(),
                    f.actorInbox(),
                    f.actorName(),
                    f.joinId(),
                    state,
                    f.created());
            rsvps.insert(c, rsvp, clock.instant());
        }
        if (restricted) {
            return new Outcome.Pending(rsvp);
        }
        String mine = rsvp.id();
        List<Rsvp> promoted = waiting.fill(c, event);
        waiting.tell(
                c, event, promoted.stream().filter(r -> !r.id().equals(mine)).toList());
        outbox.publish(c, new DomainChange.EventChanged(event, rsvps.counts(c, event)));
        if (promoted.stream().anyMatch(r -> r.id().equals(mine))) {
            Rsvp accepted = rsvp.in(Rsvp.State.ACCEPTED);
            mails.accepted(c, event, accepted);
            return new Outcome.Accepted(accepted);
        }
        return new Outcome.Waitlisted(rsvp, rsvps.position(c, mine));
    }

    /**
     * Inside an erasure's transaction: the member's RSVPs to events still to come are deleted, so
     * their places are free again (for the first on the waiting list) and followers get the new
     * counts; their RSVPs to events that are over stay, naming nobody, so past attendance still
     * adds up.
     */
    public void memberErased(Connection c, MemberId member) throws SQLException {
        for (EventId id : rsvps.eventsOf(c, member)) {
            Optional<BranchEvent> event = events.lockedLive(c, id);
            if (event.isPresent() && event.get().end().isAfter(clock.instant()) && rsvps.delete(c, member, id)) {
                waiting.fillAndTell(c, event.get());
                outbox.publish(c, new DomainChange.EventChanged(event.get(), rsvps.counts(c, event.get())));
            }
        }
        rsvps.anonymise(c, member);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
