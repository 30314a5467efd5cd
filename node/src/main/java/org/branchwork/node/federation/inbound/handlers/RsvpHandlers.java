package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.util.Optional;

import org.branchwork.node.domain.EventId;
import org.branchwork.node.federation.inbound.Inbound;
import org.branchwork.node.federation.inbound.Outcome;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.ProfileService;
import org.branchwork.node.service.RsvpService;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.Ref;

/**
 * RSVPs over ActivityPub. To the branch's events: {@code Join} (answered {@code Accept} or
 * {@code Reject} by {@link RsvpService}, or kept unanswered on a full event's waiting list until a
 * place is theirs), {@code Leave} and {@code Undo(Join)}. From the other
 * side: the {@code Accept}/{@code Reject} another branch sends for one of our members' Joins,
 * taken only from the event's owner.
 */
public final class RsvpHandlers {

    private final LocalUris uris;
    private final ActorResolver resolver;
    private final RsvpService events;
    private final ProfileService profiles;

    public RsvpHandlers(LocalUris uris, ActorResolver resolver, RsvpService events, ProfileService profiles) {
        this.uris = uris;
        this.resolver = resolver;
        this.events = events;
        this.profiles = profiles;
    }

    /** A {@code Join} of one of our events: answered by the event's rules (capacity, approval). */
    public Outcome join(Inbound in) {
        EventId event = eventOf(in.activity());
        URI actor = in.actor();
        URI joinId = in.activity().id().orElse(null);
        if (joinId == null) {
            return Outcome.ignored("a Join needs an id to be answered");
        }
        RemoteActor remote;
        try {
            remote = resolver.actor(actor);
        } catch (FetchException e) {
            return Outcome.fetchFailed(e, "cannot fetch the participant: ");
        }
        return switch (events.remoteJoin(event, actor, remote.inbox(), remote.name(), joinId)) {
            case RsvpService.Outcome.Accepted a -> Outcome.handled("rsvp accepted: " + actor);
            case RsvpService.Outcome.Pending p -> Outcome.handled("rsvp waiting for an organiser: " + actor);
            case RsvpService.Outcome.Waitlisted w ->
                Outcome.handled("rsvp on the waiting list (" + w.position() + "): " + actor);
            case RsvpService.Outcome.Refused r -> Outcome.handled("rsvp rejected: " + r.reason());
        };
    }

    /** A {@code Leave} of one of our events. */
    public Outcome leave(Inbound in) {
        return withdrawn(eventOf(in.activity()), in.actor());
    }

    /** An {@code Undo} of a {@code Join}: the RSVP is withdrawn, when the Join was the signer's own. */
    public Outcome undo(Inbound in) {
        Optional<Activity> owned = EmbeddedActivity.ownedBy(in.activity());
        if (owned.isEmpty()) {
            return Outcome.ignored("Undo of someone else's Join");
        }
        Optional<EventId> event = owned.get().object().flatMap(Ref::id).flatMap(uris::eventIdOf);
        if (event.isEmpty()) {
            return Outcome.ignored("Undo of a Join of something that is not one of our events");
        }
        return withdrawn(event.get(), in.actor());
    }

    private Outcome withdrawn(EventId event, URI actor) {
        return events.remoteLeave(event, actor)
                ? Outcome.handled("rsvp withdrawn: " + actor)
                : Outcome.ignored(actor + " was not coming");
    }

    /** The owner's {@code Accept} of one of our members' Joins. */
    public Outcome accepted(Inbound in) {
        return answered(in, true);
    }

    /** The owner's {@code Reject} of one of our members' Joins. */
    public Outcome rejected(Inbound in) {
        return answered(in, false);
    }

    private Outcome answered(Inbound in, boolean accepted) {
        URI joinId = in.activity().object().flatMap(Ref::id).orElseThrow();
        URI owner = in.actor();
        return profiles.joinAnswered(joinId, owner, accepted)
                ? Outcome.handled("rsvp " + (accepted ? "accepted" : "rejected") + " by " + owner)
                : Outcome.ignored(owner + " does not own the event of " + joinId);
    }

    private EventId eventOf(Activity activity) {
        return activity.object().flatMap(Ref::id).flatMap(uris::eventIdOf).orElseThrow();
    }
}
