package org.branchwork.node.service;

import java.util.Optional;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.RsvpStore;
import org.branchwork.node.storage.Transactions;

/**
 * Answers to an RSVP from the links in an event's reminder, without signing in: the token names
 * one RSVP ({@link MailLinks}); "can't come" withdraws it and "still coming" keeps it, both
 * through {@link RsvpService} so that places, waiting lists and followers' counts follow.
 */
public final class RsvpAnswers {

    private final Transactions tx;
    private final EventStore events;
    private final RsvpStore rsvps;
    private final RsvpService attendance;
    private final MailLinks links;

    public RsvpAnswers(Transactions tx, EventStore events, RsvpStore rsvps, RsvpService attendance, MailLinks links) {
        this.tx = tx;
        this.events = events;
        this.rsvps = rsvps;
        this.attendance = attendance;
        this.links = links;
    }

    /** The RSVP a reminder's token names, with its event, if the token is this node's and both still stand. */
    public Optional<LinkedRsvp> byToken(String token) {
        return links.rsvp(token).flatMap(this::byLink);
    }

    /** Where an RSVP named by a mailed link stands, with its event: for the page that asks to confirm. */
    private Optional<LinkedRsvp> byLink(String rsvpId) {
        return tx.inTransaction(c -> {
            Optional<Rsvp> r = rsvps.find(c, rsvpId).filter(x -> x.member() != null);
            if (r.isEmpty()) {
                return Optional.<LinkedRsvp>empty();
            }
            return events.find(c, r.get().event()).filter(e -> !e.isDeleted()).map(e -> new LinkedRsvp(r.get(), e));
        });
    }

    /** An RSVP and its event, as a reminder's link finds them. */
    public record LinkedRsvp(Rsvp rsvp, BranchEvent event) {}

    /**
     * The answer from a reminder's link, without signing in: "can't come" withdraws the RSVP (its
     * place goes to the next person and followers get the new count); "still coming" keeps it, or
     * asks again for a place if it had been withdrawn. Refused for an event that is over or cancelled.
     */
    public LinkAnswer answer(String rsvpId, boolean coming) {
        Optional<LinkedRsvp> linked = byLink(rsvpId);
        if (linked.isEmpty()) {
            return new LinkAnswer.Refused("This link does not name an RSVP any more.");
        }
        Rsvp r = linked.get().rsvp();
        if (!coming) {
            attendance.withdraw(r.member(), r.event());
            return new LinkAnswer.Withdrawn();
        }
        return switch (attendance.rsvp(r.member(), r.event())) {
            case RsvpService.Outcome.Accepted a -> new LinkAnswer.Coming();
            case RsvpService.Outcome.Pending p -> new LinkAnswer.Waiting();
            case RsvpService.Outcome.Waitlisted w -> new LinkAnswer.Waitlisted(w.position());
            case RsvpService.Outcome.Refused refused -> new LinkAnswer.Refused(refused.reason());
        };
    }

    /** What a reminder's link did. */
    public sealed interface LinkAnswer {
        record Coming() implements LinkAnswer {}

        record Waiting() implements LinkAnswer {}

        /** The event filled up meanwhile: on its waiting list, {@code position} in line. */
        record Waitlisted(int position) implements LinkAnswer {}

        record Withdrawn() implements LinkAnswer {}

        record Refused(String reason) implements LinkAnswer {}
    }
}
