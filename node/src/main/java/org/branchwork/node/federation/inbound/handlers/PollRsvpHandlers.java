package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import org.branchwork.node.domain.EventId;
import org.branchwork.node.federation.inbound.Inbound;
import org.branchwork.node.federation.inbound.Outcome;
import org.branchwork.node.federation.mapping.EventPollMapper;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.PollRsvps;
import org.branchwork.node.service.RsvpService;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Note;
import org.branchwork.protocol.vocab.Ref;

/**
 * Votes on an event's RSVP poll: a {@code Create} of a {@code Note} whose {@code name} is an
 * option, replying to the poll, without content (Mastodon's {@code ActivityPub::VoteSerializer},
 * sent to the poll's owner only). "Going" is the signer's RSVP, "Not going" withdraws it
 * ({@link PollRsvps}); the Note must be the signer's own ({@code attributedTo}).
 */
public final class PollRsvpHandlers {

    private final LocalUris uris;
    private final ActorResolver resolver;
    private final PollRsvps polls;

    public PollRsvpHandlers(LocalUris uris, ActorResolver resolver, PollRsvps polls) {
        this.uris = uris;
        this.resolver = resolver;
        this.polls = polls;
    }

    /** Whether a {@code Create} is a vote: a {@code Note} replying to one of our events' polls. */
    public boolean isVote(Inbound in) {
        return note(in).flatMap(this::pollOf).isPresent();
    }

    public Outcome vote(Inbound in) {
        AsObject note = note(in).orElseThrow();
        EventId event = pollOf(note).orElseThrow();
        URI actor = in.actor();
        Optional<URI> author = note.core().attributedTo().stream().findFirst().flatMap(Ref::id);
        if (author.isEmpty() || !author.get().equals(actor)) {
            return Outcome.refused("a vote on an event's poll is counted only from its own author");
        }
        if (note.core().content().best().filter(s -> !s.isBlank()).isPresent()) {
            // A reply with text is a comment on the poll, not Mastodon's vote.
            return Outcome.ignored("a reply with content is not a vote");
        }
        String name = note.core()
                .name()
                .best()
                .map(s -> s.strip().toLowerCase(Locale.ROOT))
                .orElse("");
        boolean going;
        if (name.equals(EventPollMapper.GOING.toLowerCase(Locale.ROOT))) {
            going = true;
        } else if (name.equals(EventPollMapper.NOT_GOING.toLowerCase(Locale.ROOT))) {
            going = false;
        } else {
            return Outcome.refused("a vote on an event's poll is \"" + EventPollMapper.GOING + "\" or \""
                    + EventPollMapper.NOT_GOING + "\"");
        }
        Optional<URI> voteId = in.activity().id();
        if (voteId.isEmpty()) {
            return Outcome.ignored("a vote needs an id to be answered");
        }
        RemoteActor remote;
        try {
            remote = resolver.actor(actor);
        } catch (FetchException e) {
            return Outcome.fetchFailed(e, "cannot fetch the voter: ");
        }
        PollRsvps.Voted voted = polls.vote(new PollRsvps.Vote(
                event,
                actor,
                remote.inbox(),
                remote.name(),
                voteId.get(),
                note.id().orElse(null),
                going));
        return switch (voted) {
            case PollRsvps.Voted.Rsvped(RsvpService.Outcome o) ->
                switch (o) {
                    case RsvpService.Outcome.Accepted a -> Outcome.handled("poll rsvp accepted: " + actor);
                    case RsvpService.Outcome.Pending p ->
                        Outcome.handled("poll rsvp waiting for an organiser: " + actor);
                    case RsvpService.Outcome.Waitlisted w ->
                        Outcome.handled("poll rsvp on the waiting list (" + w.position() + "): " + actor);
                    case RsvpService.Outcome.Refused r -> Outcome.handled("poll rsvp rejected: " + r.reason());
                };
            case PollRsvps.Voted.NotGoing(boolean withdrawn) ->
                withdrawn
                        ? Outcome.handled("rsvp withdrawn by the poll: " + actor)
                        : Outcome.ignored(actor + " voted not going and was not coming");
            case PollRsvps.Voted.Refused(String reason) -> Outcome.refused(reason);
        };
    }

    private static Optional<AsObject> note(Inbound in) {
        return in.activity().object().flatMap(Ref::embedded).filter(o -> o instanceof Note);
    }

    private Optional<EventId> pollOf(AsObject note) {
        return note.core().inReplyTo() == null
                ? Optional.empty()
                : note.core().inReplyTo().id().flatMap(uris::eventIdOfPoll);
    }
}
