package org.branchwork.node.federation.inbound.handlers;

import org.branchwork.node.federation.inbound.RetryLater;
import java.net.URI;
import java.util.Optional;

import org.branchwork.node.domain.EventId;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.ProfileService;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.Ref;

/**
 * RSVPs over ActivityPub. To the branch's events: {@code Join} (answered {@code Accept} or
 * {@code Reject} by {@link EventService}), {@code Leave} and {@code Undo(Join)}. From the other
 * side: the {@code Accept}/{@code Reject} another branch sends for one of our members' Joins,
 * taken only from the event's owner.
 */
public final class RsvpHandlers {

    private final LocalUris uris;
    private final ActorResolver resolver;
    private final EventService events;
    private final ProfileService profiles;

    public RsvpHandlers(LocalUris uris, ActorResolver resolver, EventService events, ProfileService profiles) {
        this.uris = uris;
        this.resolver = resolver;
        this.events = events;
        this.profiles = profiles;
    }

    public String join(Activity join) {
        Optional<EventId> event = join.object().flatMap(Ref::id).flatMap(uris::eventIdOf);
        if (event.isEmpty()) {
            return "ignored: Join of something that is not one of our events";
        }
        URI actor = join.actor().id().orElseThrow();
        URI joinId = join.id().orElse(null);
        if (joinId == null) {
            return "ignored: a Join needs an id to be answered";
        }
        RemoteActor remote;
        try {
            remote = resolver.actor(actor);
        } catch (FetchException e) {
            return RetryLater.unlessFinal(e, "cannot fetch the participant: ");
        }
        return switch (events.remoteJoin(event.get(), actor, remote.inbox(), remote.name(), joinId)) {
            case EventService.Outcome.Accepted a -> "rsvp accepted: " + actor;
            case EventService.Outcome.Pending p -> "rsvp waiting for an organiser: " + actor;
            case EventService.Outcome.Refused r -> "rsvp rejected: " + r.reason();
        };
    }

    public String leave(Activity leave) {
        Optional<EventId> event = leave.object().flatMap(Ref::id).flatMap(uris::eventIdOf);
        if (event.isEmpty()) {
            return "ignored: Leave of something that is not one of our events";
        }
        URI actor = leave.actor().id().orElseThrow();
        return events.remoteLeave(event.get(), actor) ? "rsvp withdrawn: " + actor : "ignored: " + actor + " was not coming";
    }

    /** Whether an {@code Undo} takes back a {@code Join} (then {@link #undo} handles it). */
    public boolean undoesJoin(Activity undo) {
        return undo.object().flatMap(Ref::embedded).map(o -> o.type().equals("Join")).orElse(false);
    }

    public String undo(Activity undo) {
        Optional<Activity> owned = EmbeddedActivity.ownedBy(undo);
        if (owned.isEmpty()) {
            return "ignored: Undo of someone else's Join";
        }
        Activity j = owned.get();
        Optional<EventId> event = j.object().flatMap(Ref::id).flatMap(uris::eventIdOf);
        if (event.isEmpty()) {
            return "ignored: Undo of a Join of something that is not one of our events";
        }
        URI actor = undo.actor().id().orElseThrow();
        return events.remoteLeave(event.get(), actor) ? "rsvp withdrawn: " + actor : "ignored: " + actor + " was not coming";
    }

    /** Whether an {@code Accept}/{@code Reject} answers one of our members' Joins. */
    public boolean answersOurJoin(Activity answer) {
        return answer.object().flatMap(Ref::id).filter(uris::isLocal).map(profiles::isOurJoin).orElse(false);
    }

    public String answered(Activity answer, boolean accepted) {
        URI joinId = answer.object().flatMap(Ref::id).orElseThrow();
        URI owner = answer.actor().id().orElseThrow();
        return profiles.joinAnswered(joinId, owner, accepted)
                ? "rsvp " + (accepted ? "accepted" : "rejected") + " by " + owner
                : "ignored: " + owner + " does not own the event of " + joinId;
    }
}
