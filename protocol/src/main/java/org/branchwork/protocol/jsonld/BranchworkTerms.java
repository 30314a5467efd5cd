package org.branchwork.protocol.jsonld;

import java.util.List;

/**
 * Branchwork's extension terms (namespace {@link Namespaces#BW}), written with the {@code bw:}
 * prefix. Documented in docs/FEDERATION.md; a peer that does not know them still sees a plain
 * {@code Article} or {@code Event}.
 */
public final class BranchworkTerms {

    /** Term names, without the prefix. */
    public static final List<String> TERMS = List.of(
            "Campaign", // extra type of a campaign Article
            "goals", // a campaign's goals (list of Goal)
            "Goal",
            "goalTarget", // the number a goal aims for
            "goalMetric", // "events", "participants" or "reported"
            "goalProgress", // the number reached
            "callToAction",
            "resources", // links and files for a campaign
            "suggestedCategories",
            "campaignStatus", // "open" or "ended"
            "adoptions", // collection of branches that adopted a campaign
            "Tally", // a branch's aggregate consultation result
            "tallies",
            "votes",
            "progressReport", // a branch's signed report on a reported goal
            "Broadcast", // extra type of a national broadcast Article
            "audiencePurpose", // whose consent a broadcast needs: "national"
            "segment", // a broadcast's hint of which branches it is for (a campaign: its adopters)
            "BroadcastReport", // a branch's signed aggregate on a broadcast it received
            "relayState", // "received", "approved", "declined", "sending" or "sent"
            "sent", // mails handed to the mail server
            "failed", // mails that failed for good
            "unsubscribed", // recipients who unsubscribed through the relayed mail
            "method", // a consultation's voting method: "single", "approval" or "ranked"
            "maxChoices", // approval: how many options a ballot may approve
            "seats", // ranked: how many seats STV fills
            "kind", // "advisory" (live results) or "binding" (results at the close)
            "opensAt", // when voting opens
            "electorateCutoff", // members who joined before it may vote
            "quorum", // the share of the electorate that must vote, or absent
            "consultation", // the Question a tally counts for
            "electorate", // a tally's electorate: the branch's members who may vote
            "ballots", // ballots cast (in a tally, or for one ranking)
            "counts", // a tally's counts: one per distinct ranking
            "ranking", // option names, most preferred first
            "receiptsHash", // SHA-256 over the sorted receipt hashes
            "sequence", // a tally's number: each tally of a branch has a larger one
            "final", // a tally sent at the close
            "waitlistCount", // an Event's waiting list: how many wait for a place (never who)
            "attendedCount", // an Event that is over: how many were checked in (never who)
            "rsvpPoll", // on an Event: its RSVP poll, a Question whose "Going" votes are RSVPs
            "rsvpFor"); // on that Question: the Event it takes RSVPs for (it is no consultation)

    private BranchworkTerms() {}
}
