package org.branchwork.node.federation.outbound;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.federation.local.LocalObjectSigner;
import org.branchwork.node.federation.mapping.AnnouncementMapper;
import org.branchwork.node.federation.mapping.BroadcastMapper;
import org.branchwork.node.federation.mapping.BroadcastReport;
import org.branchwork.node.federation.mapping.CampaignMapper;
import org.branchwork.node.federation.mapping.ConsultationMapper;
import org.branchwork.node.federation.mapping.EventMapper;
import org.branchwork.node.federation.mapping.EventPollMapper;
import org.branchwork.node.federation.mapping.GoalReport;
import org.branchwork.node.federation.mapping.RsvpMapper;
import org.branchwork.node.federation.mapping.TallyTerms;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.DomainChange;
import org.branchwork.node.service.FederationOutbox;
import org.branchwork.node.service.RequestRefused;
import org.branchwork.node.storage.AdoptedCampaignStore;
import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.PollVoteStore;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.vocab.Activity;

/**
 * Turns each {@link DomainChange} into the activity that carries it and puts it in the delivery
 * queue, inside the caller's transaction (so an activity exists exactly when the change that caused
 * it does), one row per distinct inbox. Here the federation decides the recipients: fan-out to
 * followers uses each peer's shared inbox where it offers one, so a server with a thousand
 * followers gets one request; an event linked to an adopted campaign also goes to the campaign's
 * owner, who counts it. The activities themselves are built in {@code mapping/}; the branch's
 * content carries its proof ({@link LocalObjectSigner}) on the object and on the activity.
 */
public final class OutboundPublisher implements FederationOutbox {

    private final DeliveryStore deliveries;
    private final FollowStore follows;
    private final ActivityCodec codec;
    private final LocalActors actors;
    private final LocalUris uris;
    private final Mappers mappers;
    private final LocalObjectSigner signer;
    private final AdoptedCampaignStore adoptedCampaigns;
    private final PollVoteStore pollVotes;
    private final Clock clock;

    /** The conversions the publisher uses, one per part of the domain. */
    public record Mappers(
            AnnouncementMapper announcements,
            EventMapper events,
            CampaignMapper campaigns,
            RsvpMapper rsvps,
            BroadcastMapper broadcasts,
            ConsultationMapper consultations,
            EventPollMapper polls) {}

    public OutboundPublisher(
            DeliveryStore deliveries,
            FollowStore follows,
            ActivityCodec codec,
            LocalActors actors,
            LocalUris uris,
            Mappers mappers,
            LocalObjectSigner signer,
            AdoptedCampaignStore adoptedCampaigns,
            PollVoteStore pollVotes,
            Clock clock) {
        this.pollVotes = pollVotes;
        this.deliveries = deliveries;
        this.follows = follows;
        this.codec = codec;
        this.actors = actors;
        this.uris = uris;
        this.mappers = mappers;
        this.signer = signer;
        this.adoptedCampaigns = adoptedCampaigns;
        this.clock = clock;
    }

    @Override
    public Optional<URI> publish(Connection c, DomainChange change) throws SQLException {
        // The branch is looked up per case: a member's own RSVP is signed by their Person and needs none.
        Instant now = clock.instant();
        return Optional.ofNullable(
                switch (change) {
                    case DomainChange.AnnouncementPublished(Announcement a) ->
                        toFollowers(c, mappers.announcements().create(a, branchSlug()));
                    case DomainChange.AnnouncementEdited(Announcement a) ->
                        toFollowers(c, mappers.announcements().update(a, branchSlug()));
                    case DomainChange.AnnouncementDeleted(Announcement a) ->
                        toFollowers(c, mappers.announcements().delete(a, branchSlug()));
                    case DomainChange.EventPublished(BranchEvent e, EventCounts counts) -> {
                        URI id = toFollowers(c, mappers.events().create(e, counts, branchSlug()), campaignOwner(c, e));
                        toFollowers(c, mappers.polls().create(e, counts, branchSlug()));
                        yield id;
                    }
                    case DomainChange.EventChanged(BranchEvent e, EventCounts counts) -> {
                        URI id = toFollowers(
                                c, mappers.events().update(e, counts, branchSlug(), now), campaignOwner(c, e));
                        // The poll's counts (and closed, once cancelled or started) follow the event's.
                        toFollowers(
                                c, mappers.polls().update(e, counts, pollVotes.notGoing(c, e.id()), branchSlug(), now));
                        yield id;
                    }
                    case DomainChange.EventPollClosed(BranchEvent e, EventCounts counts) ->
                        toFollowers(
                                c, mappers.polls().update(e, counts, pollVotes.notGoing(c, e.id()), branchSlug(), now));
                    case DomainChange.EventDeleted(BranchEvent e) -> {
                        URI id = toFollowers(c, mappers.events().delete(e, branchSlug()), campaignOwner(c, e));
                        toFollowers(c, mappers.polls().delete(e, branchSlug()));
                        yield id;
                    }
                    case DomainChange.RsvpAnswered answered -> rsvpAnswered(c, answered, branchSlug(), now);
                    case DomainChange.MemberRsvped rsvp -> {
                        Activity activity = mappers.rsvps()
                                .memberRsvp(rsvp.member(), rsvp.event(), rsvp.joining(), uris.newActivity(), now);
                        // Signed by the member's own Person key (the delivery row names whose), not the branch's.
                        deliveries.enqueue(
                                c,
                                rsvp.ownerInbox(),
                                activity.id().orElseThrow().toString(),
                                codec.write(activity),
                                now,
                                rsvp.member().handle());
                        yield activity.id().orElseThrow();
                    }
                    case DomainChange.CampaignPublished(Campaign k) ->
                        toFollowers(c, mappers.campaigns().create(k, branchSlug()));
                    case DomainChange.CampaignEdited(Campaign k) ->
                        toFollowers(c, mappers.campaigns().update(k, null, branchSlug()));
                    case DomainChange.AdoptionAccepted a ->
                        enqueue(
                                c,
                                mappers.campaigns()
                                        .adoptionAccepted(
                                                a.campaign(),
                                                a.branch(),
                                                a.joinId(),
                                                uris.newActivity(),
                                                branchSlug(),
                                                now),
                                List.of(a.branchInbox()));
                    case DomainChange.CampaignAdopted a -> campaignAdopted(c, a, branchSlug(), now);
                    case DomainChange.CampaignWithdrawn w ->
                        enqueue(
                                c,
                                mappers.campaigns().leave(w.campaign(), uris.newActivity(), branchSlug(), now),
                                List.of(w.ownerInbox()));
                    case DomainChange.ProgressReported r -> {
                        Activity add =
                                mappers.campaigns().progressReport(r.campaign(), uris.newActivity(), branchSlug(), now);
                        String body =
                                codec.write(signer.sign(new GoalReport(r.goal(), r.amount()).addTo(codec.toJson(add))));
                        deliveries.enqueue(
                                c, r.ownerInbox(), add.id().orElseThrow().toString(), body, now, null);
                        yield add.id().orElseThrow();
                    }
                    case DomainChange.BroadcastPublished(var b) ->
                        toFollowers(c, mappers.broadcasts().create(b, branchSlug()));
                    case DomainChange.BroadcastReported r -> {
                        // Counts only, signed twice: the HTTP signature and the branch's proof on the Add.
                        Activity add =
                                mappers.broadcasts().report(r.broadcast(), uris.newActivity(), branchSlug(), now);
                        String body = codec.write(signer.sign(
                                new BroadcastReport(r.state(), r.counts(), r.at()).addTo(codec.toJson(add))));
                        deliveries.enqueue(
                                c, r.senderInbox(), add.id().orElseThrow().toString(), body, now, null);
                        yield add.id().orElseThrow();
                    }
                    case DomainChange.ConsultationPublished(var k) ->
                        toFollowers(c, mappers.consultations().create(k, branchSlug()));
                    case DomainChange.ConsultationClosed(var k, var totals, long ballots) ->
                        toFollowers(c, mappers.consultations().closed(k, totals, ballots, now, branchSlug()));
                    case DomainChange.ConsultationTakenUp t ->
                        enqueue(
                                c,
                                mappers.consultations()
                                        .join(t.question(), t.owner(), uris.newActivity(), branchSlug(), now),
                                List.of(t.ownerInbox()));
                    case DomainChange.TallyReported r -> tallyReported(c, r, branchSlug(), now);
                });
    }

    /**
     * The tally object signed by the branch (so that it can be checked apart from the activity: the
     * owner publishes it for anyone to re-count), in an {@code Add} to the Question signed too.
     */
    private URI tallyReported(Connection c, DomainChange.TallyReported r, String slug, Instant now)
            throws SQLException {
        Activity add = mappers.consultations().tally(r.question(), r.owner(), uris.newActivity(), slug, now);
        TallyTerms terms = mappers.consultations().tallyTerms(r.local(), r.question(), r.options(), r.tally(), slug);
        ObjectNode json = codec.toJson(add);
        json.set("object", signer.sign(terms.json()));
        String body = codec.write(signer.sign(json));
        deliveries.enqueue(c, r.ownerInbox(), add.id().orElseThrow().toString(), body, now, null);
        return add.id().orElseThrow();
    }

    /** The answer to a remote participant; null for a local member's RSVP, which has nobody to answer on the wire. */
    private URI rsvpAnswered(Connection c, DomainChange.RsvpAnswered answered, String slug, Instant now)
            throws SQLException {
        Rsvp rsvp = answered.rsvp();
        if (rsvp.actorInbox() == null || rsvp.joinId() == null) {
            return null;
        }
        // An RSVP by the event's poll is answered with its vote embedded, not a Join it never sent.
        Optional<PollVoteStore.Vote> vote = pollVotes.find(c, rsvp.joinId());
        Activity answer = vote.isPresent()
                ? mappers.rsvps()
                        .answerVote(
                                answered.event(),
                                rsvp,
                                vote.get().noteId(),
                                vote.get().going() ? EventPollMapper.GOING : EventPollMapper.NOT_GOING,
                                answered.accepted(),
                                uris.newActivity(),
                                slug,
                                now)
                : mappers.rsvps().answer(answered.event(), rsvp, answered.accepted(), uris.newActivity(), slug, now);
        return enqueue(c, answer, List.of(rsvp.actorInbox()));
    }

    /**
     * {@code Join} to the owner and {@code Announce} to the branch's followers. The Announce carries
     * the owner's signed copy when there is one, so that our followers need not ask the owner.
     */
    private URI campaignAdopted(Connection c, DomainChange.CampaignAdopted a, String slug, Instant now)
            throws SQLException {
        Activity join = mappers.campaigns().join(a.campaign(), uris.newActivity(), slug, now);
        enqueue(c, join, List.of(a.ownerInbox()));
        Activity announce = mappers.campaigns().announce(a.campaign(), uris.newActivity(), slug, now);
        ObjectNode json = codec.toJson(announce);
        if (a.signedCopy() != null) {
            try {
                json.set("object", codec.parse(a.signedCopy().getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new IllegalStateException("a stored signed copy is not JSON", e);
            }
        }
        String body = codec.write(signer.sign(json));
        for (URI inbox : followerInboxes(c)) {
            deliveries.enqueue(c, inbox, announce.id().orElseThrow().toString(), body, now, null);
        }
        return join.id().orElseThrow();
    }

    private Set<URI> campaignOwner(Connection c, BranchEvent e) throws SQLException {
        if (e.campaign() == null) {
            return Set.of();
        }
        return adoptedCampaigns
                .find(c, e.campaign())
                .filter(AdoptedCampaignStore.Adopted::active)
                .map(a -> Set.of(a.ownerInbox()))
                .orElse(Set.of());
    }

    /** Queues the activity for each inbox (duplicates collapse), signed by the branch; returns its id. */
    public URI enqueue(Connection c, Activity activity, Collection<URI> inboxes) throws SQLException {
        String body = codec.write(activity);
        URI id = activity.id().orElseThrow(() -> new IllegalArgumentException("outgoing activities need an id"));
        for (URI inbox : new LinkedHashSet<>(inboxes)) {
            deliveries.enqueue(c, inbox, id.toString(), body, clock.instant(), null);
        }
        return id;
    }

    /** The inboxes that reach every follower: shared inboxes where offered. */
    public Set<URI> followerInboxes(Connection c) throws SQLException {
        Set<URI> inboxes = new LinkedHashSet<>();
        for (FollowStore.Follower f : follows.followers(c)) {
            inboxes.add(f.sharedInbox() != null ? f.sharedInbox() : f.inbox());
        }
        return inboxes;
    }

    private URI toFollowers(Connection c, Activity activity) throws SQLException {
        return toFollowers(c, activity, Set.of());
    }

    private URI toFollowers(Connection c, Activity activity, Set<URI> alsoTo) throws SQLException {
        String body = codec.write(signer.activity(activity));
        URI id = activity.id().orElseThrow();
        Set<URI> inboxes = followerInboxes(c);
        inboxes.addAll(alsoTo);
        for (URI inbox : inboxes) {
            deliveries.enqueue(c, inbox, id.toString(), body, clock.instant(), null);
        }
        return id;
    }

    private String branchSlug() {
        return actors.branch()
                .orElseThrow(() -> new RequestRefused.NotSetUp("The node has no branch yet."))
                .branch()
                .slug();
    }
}
