package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.time.Instant;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.PublicProfile;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Note;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Ref;

/** RSVPs on the wire: the branch's answer to a remote participant, and a member's own RSVP to another branch's event. */
public final class RsvpMapper {

    private final LocalUris uris;

    public RsvpMapper(LocalUris uris) {
        this.uris = uris;
    }

    /** {@code Accept} or {@code Reject} of the participant's {@code Join}, embedding it whole (as Mobilizon does). */
    public Activity answer(BranchEvent e, Rsvp rsvp, boolean accepted, URI id, String branchSlug, Instant when) {
        URI branch = uris.branchActor(branchSlug);
        Activity join = Activity.of(
                ObjectCore.of(rsvp.joinId(), "Join"),
                ActivityType.JOIN,
                Ref.to(rsvp.actor()),
                Ref.to(uris.event(e.id())));
        return Activity.of(
                ObjectCore.of(id, accepted ? "Accept" : "Reject")
                        .withTimes(when, null)
                        .withAttribution(branch, Audience.to(rsvp.actor())),
                accepted ? ActivityType.ACCEPT : ActivityType.REJECT,
                Ref.to(branch),
                Ref.to(join));
    }

    /**
     * {@code Accept} or {@code Reject} of a vote on the event's RSVP poll: the object is the vote's
     * {@code Create(Note)}, embedded as Mobilizon embeds the {@code Join}, so the voter's server can
     * match it to what it sent (Mastodon ignores it and keeps its own record of the vote).
     */
    public Activity answerVote(
            BranchEvent e,
            Rsvp rsvp,
            URI noteId,
            String choice,
            boolean accepted,
            URI id,
            String branchSlug,
            Instant when) {
        URI branch = uris.branchActor(branchSlug);
        AsObject note = new Note(ObjectCore.of(noteId, "Note")
                .withName(choice)
                .withAttribution(rsvp.actor(), Audience.to(branch))
                .withInReplyTo(Ref.to(uris.eventPoll(e.id()))));
        Activity vote = Activity.of(
                ObjectCore.of(rsvp.joinId(), "Create").withAttribution(rsvp.actor(), Audience.to(branch)),
                ActivityType.CREATE,
                Ref.to(rsvp.actor()),
                Ref.to(note));
        return Activity.of(
                ObjectCore.of(id, accepted ? "Accept" : "Reject")
                        .withTimes(when, null)
                        .withAttribution(branch, Audience.to(rsvp.actor())),
                accepted ? ActivityType.ACCEPT : ActivityType.REJECT,
                Ref.to(branch),
                Ref.to(vote));
    }

    /** {@code Join} (or {@code Leave}) of a remote event from the member's {@code Person} actor. */
    public Activity memberRsvp(PublicProfile member, URI event, boolean joining, URI id, Instant when) {
        URI person = uris.person(member.handle());
        return Activity.of(
                ObjectCore.of(id, joining ? "Join" : "Leave")
                        .withTimes(when, null)
                        .withAttribution(person, Audience.NONE),
                joining ? ActivityType.JOIN : ActivityType.LEAVE,
                Ref.to(person),
                Ref.to(event));
    }
}
