package org.branchwork.node.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.storage.RsvpStore;

/**
 * An event's waiting list, inside the transaction of whatever freed a place (a withdrawal, a
 * capacity raise, an erasure): the first in line takes each free place, one guarded update at a
 * time ({@link RsvpStore#promote}). Callers hold the event's row lock, so two withdrawals at once,
 * or a capacity change while promoting, are decided one after the other and never give more places
 * than there are (WaitingListTest races them).
 */
final class WaitingList {

    /** How much of the line is read at a time (a capacity raise by thousands reads it again). */
    private static final int BATCH = 500;

    private final RsvpStore rsvps;
    private final FederationOutbox outbox;
    private final EventMails mails;
    private final Clock clock;

    WaitingList(RsvpStore rsvps, FederationOutbox outbox, EventMails mails, Clock clock) {
        this.rsvps = rsvps;
        this.outbox = outbox;
        this.mails = mails;
        this.clock = clock;
    }

    /**
     * Fills the event's free places from the front of its waiting list and returns who got one,
     * in order, as accepted RSVPs, without telling them (see {@link #tell}). Nobody is promoted for
     * a cancelled event or one that is over.
     */
    List<Rsvp> fill(Connection c, BranchEvent e) throws SQLException {
        List<Rsvp> promoted = new ArrayList<>();
        if (e.cancelled() || !e.end().isAfter(clock.instant())) {
            return promoted;
        }
        while (true) {
            List<Rsvp> line = rsvps.waiting(c, e.id(), BATCH);
            for (Rsvp next : line) {
                if (!rsvps.promote(c, next.id(), clock.instant())) {
                    return promoted;
                }
                promoted.add(next.in(Rsvp.State.ACCEPTED));
            }
            if (line.size() < BATCH) {
                return promoted;
            }
        }
    }

    /**
     * Tells the promoted that a place is theirs: a remote participant gets the {@code Accept} of
     * their {@code Join} through the delivery queue, a local member a mail through the mail queue.
     */
    void tell(Connection c, BranchEvent e, List<Rsvp> promoted) throws SQLException {
        for (Rsvp r : promoted) {
            if (r.isRemote()) {
                outbox.publish(c, new DomainChange.RsvpAnswered(e, r, true));
            } else {
                mails.promoted(c, e, r);
            }
        }
    }

    /** Fills the free places and tells whoever got one; returns them. */
    List<Rsvp> fillAndTell(Connection c, BranchEvent e) throws SQLException {
        List<Rsvp> promoted = fill(c, e);
        tell(c, e, promoted);
        return promoted;
    }
}
