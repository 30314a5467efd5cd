package org.branchwork.node.service;

import java.net.URI;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.Broadcast;
import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.PublicProfile;
import org.branchwork.node.domain.RelayCounts;
import org.branchwork.node.domain.RelayState;
import org.branchwork.node.domain.Rsvp;

/**
 * A change the network should hear about, said in the domain's words: what happened, never which
 * activity carries it or who receives it (the federation decides both). Services hand one to the
 * {@link FederationOutbox} inside the transaction that makes the change.
 */
public sealed interface DomainChange {

    /** The branch published an announcement. */
    record AnnouncementPublished(Announcement announcement) implements DomainChange {}

    /** An organiser edited it. */
    record AnnouncementEdited(Announcement announcement) implements DomainChange {}

    /** An organiser deleted it. */
    record AnnouncementDeleted(Announcement announcement) implements DomainChange {}

    /** The branch published an event. */
    record EventPublished(BranchEvent event, EventCounts counts) implements DomainChange {}

    /** An event changed: edited, cancelled, or its participant counts moved. */
    record EventChanged(BranchEvent event, EventCounts counts) implements DomainChange {}

    /** An event started: its RSVP poll closes (the event itself is unchanged). */
    record EventPollClosed(BranchEvent event, EventCounts counts) implements DomainChange {}

    /** An event was deleted. */
    record EventDeleted(BranchEvent event) implements DomainChange {}

    /** A remote participant's RSVP to one of our events was accepted or refused: the answer goes to them. */
    record RsvpAnswered(BranchEvent event, Rsvp rsvp, boolean accepted) implements DomainChange {}

    /**
     * A member with a public profile RSVPs to another branch's event, or withdraws the RSVP that
     * {@code joinId} made ({@code joining} false).
     */
    record MemberRsvped(PublicProfile member, URI event, URI ownerInbox, URI joinId, boolean joining)
            implements DomainChange {

        public static MemberRsvped joining(PublicProfile member, URI event, URI ownerInbox) {
            return new MemberRsvped(member, event, ownerInbox, null, true);
        }

        public static MemberRsvped withdrawing(PublicProfile member, URI event, URI ownerInbox, URI joinId) {
            return new MemberRsvped(member, event, ownerInbox, joinId, false);
        }
    }

    /** The node published a campaign. */
    record CampaignPublished(Campaign campaign) implements DomainChange {}

    /** The node edited or closed one of its campaigns. */
    record CampaignEdited(Campaign campaign) implements DomainChange {}

    /** A branch's adoption of one of our campaigns was recorded: it hears that it was. */
    record AdoptionAccepted(Campaign campaign, URI branch, URI branchInbox, URI joinId) implements DomainChange {}

    /**
     * The branch adopts another node's campaign; {@code signedCopy} is the owner's signed object
     * (null when there is none), which the branch passes on to its followers.
     */
    record CampaignAdopted(URI campaign, URI ownerInbox, String signedCopy) implements DomainChange {}

    /** The branch withdraws from another node's campaign. */
    record CampaignWithdrawn(URI campaign, URI ownerInbox) implements DomainChange {}

    /** The branch reports its progress on a campaign goal that does not count itself. */
    record ProgressReported(URI campaign, URI ownerInbox, String goal, int amount) implements DomainChange {}

    /** The node published a national broadcast for the members of the branches that follow it. */
    record BroadcastPublished(Broadcast broadcast) implements DomainChange {}

    /**
     * The branch tells a broadcast's sender where it stands with it: its state and counts, never
     * whom; {@code at} grows from one report to the next, so the sender can refuse a replay.
     */
    record BroadcastReported(URI broadcast, URI senderInbox, RelayState state, RelayCounts counts, java.time.Instant at)
            implements DomainChange {}

    /** The node opened a consultation: its Question goes to the node's followers. */
    record ConsultationPublished(org.branchwork.node.domain.Consultation consultation) implements DomainChange {}

    /**
     * One of the node's consultations closed: the Question again, with {@code closed} and the
     * members' totals per option (first preferences for ranked) over {@code ballots}.
     */
    record ConsultationClosed(
            org.branchwork.node.domain.Consultation consultation, java.util.List<Long> totals, long ballots)
            implements DomainChange {}

    /** The branch takes part in another node's consultation: the owner hears it. */
    record ConsultationTakenUp(URI question, URI owner, URI ownerInbox) implements DomainChange {}

    /**
     * The branch reports its tally on another node's consultation (its local copy {@code local}):
     * counts only, signed, to the owner.
     */
    record TallyReported(
            org.branchwork.node.domain.ConsultationId local,
            URI question,
            URI owner,
            URI ownerInbox,
            java.util.List<String> options,
            org.branchwork.node.domain.BranchTally tally)
            implements DomainChange {}
}
