package org.branchwork.node.federation.outbound;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.Campaign;
import org.branchwork.node.federation.mapping.CampaignMapper;
import org.branchwork.node.storage.AdoptedCampaignStore;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.PublicProfile;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.federation.mapping.AnnouncementMapper;
import org.branchwork.node.federation.mapping.EventMapper;
import org.branchwork.node.service.FederationOutbox;
import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tombstone;

/**
 * Puts outgoing activities in the delivery queue, inside the caller's transaction (so an activity
 * exists exactly when the change that caused it does), one row per distinct inbox. Fan-out to
 * followers uses each peer's shared inbox where it offers one, so a server with a thousand
 * followers gets one request. The branch's content carries an FEP-8b32 proof by its Ed25519 key on
 * the object itself, so a copy relayed by another branch stays verifiable, and on the activity.
 */
public final class OutboundPublisher implements FederationOutbox {

    private final DeliveryStore deliveries;
    private final FollowStore follows;
    private final ActivityCodec codec;
    private final LocalActors actors;
    private final LocalUris uris;
    private final AnnouncementMapper announcements;
    private final EventMapper events;
    private final CampaignMapper campaigns;
    private final AdoptedCampaignStore adoptedCampaigns;
    private final Clock clock;

    public OutboundPublisher(DeliveryStore deliveries, FollowStore follows, ActivityCodec codec, LocalActors actors,
                             LocalUris uris, AnnouncementMapper announcements, EventMapper events, CampaignMapper campaigns,
                             AdoptedCampaignStore adoptedCampaigns, Clock clock) {
        this.campaigns = campaigns;
        this.adoptedCampaigns = adoptedCampaigns;
        this.deliveries = deliveries;
        this.follows = follows;
        this.codec = codec;
        this.actors = actors;
        this.uris = uris;
        this.announcements = announcements;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void announcementPublished(Connection c, Announcement a) throws SQLException {
        toFollowers(c, announcements.create(a, branch().branch().slug()));
    }

    @Override
    public void announcementUpdated(Connection c, Announcement a) throws SQLException {
        toFollowers(c, announcements.update(a, branch().branch().slug()));
    }

    @Override
    public void announcementDeleted(Connection c, Announcement a) throws SQLException {
        toFollowers(c, announcements.delete(a, branch().branch().slug()));
    }

    // An event linked to an adopted campaign also goes to the campaign's owner, who counts it.

    @Override
    public void eventPublished(Connection c, BranchEvent e, EventCounts counts) throws SQLException {
        toFollowers(c, events.create(e, counts, branch().branch().slug()), campaignOwner(c, e));
    }

    @Override
    public void eventUpdated(Connection c, BranchEvent e, EventCounts counts) throws SQLException {
        toFollowers(c, events.update(e, counts, branch().branch().slug(), clock.instant()), campaignOwner(c, e));
    }

    @Override
    public void eventDeleted(Connection c, BranchEvent e) throws SQLException {
        toFollowers(c, events.delete(e, branch().branch().slug()), campaignOwner(c, e));
    }

    private Set<URI> campaignOwner(Connection c, BranchEvent e) throws SQLException {
        if (e.campaign() == null) {
            return Set.of();
        }
        return adoptedCampaigns.find(c, e.campaign()).filter(AdoptedCampaignStore.Adopted::active)
                .map(a -> Set.of(a.ownerInbox())).orElse(Set.of());
    }

    @Override
    public void campaignPublished(Connection c, Campaign k, boolean update) throws SQLException {
        String slug = branch().branch().slug();
        toFollowers(c, update ? campaigns.update(k, null, slug) : campaigns.create(k, slug), Set.of());
    }

    @Override
    public void adoptionAccepted(Connection c, Campaign k, URI branchActor, URI inbox, URI joinId) throws SQLException {
        URI self = uris.branchActor(branch().branch().slug());
        Activity join = new Activity(ObjectCore.of(joinId, "Join"), ActivityType.JOIN, Ref.to(branchActor),
                List.of(Ref.to(uris.campaign(k.id()))), null, null, null, null);
        Activity accept = new Activity(ObjectCore.of(uris.newActivity(), "Accept").withTimes(clock.instant(), null)
                .withAttribution(self, new Audience(List.of(branchActor), List.of(), List.of(), List.of(), List.of())),
                ActivityType.ACCEPT, Ref.to(self), List.of(Ref.to(join)), null, null, null, null);
        enqueue(c, accept, List.of(inbox));
    }

    @Override
    public URI campaignAdopted(Connection c, URI campaign, URI ownerInbox, String signedCopy) throws SQLException {
        String slug = branch().branch().slug();
        URI self = uris.branchActor(slug);
        URI joinId = uris.newActivity();
        Activity join = new Activity(ObjectCore.of(joinId, "Join").withTimes(clock.instant(), null),
                ActivityType.JOIN, Ref.to(self), List.of(Ref.to(campaign)), null, null, null, null);
        enqueue(c, join, List.of(ownerInbox));
        // The Announce carries the owner's signed copy, so that our followers need not ask the owner.
        Activity announce = new Activity(ObjectCore.of(uris.newActivity(), "Announce").withTimes(clock.instant(), null)
                .withAttribution(self, Audience.publicWithFollowers(uris.branchFollowers(slug))),
                ActivityType.ANNOUNCE, Ref.to(self), List.of(Ref.to(campaign)), null, null, null, null);
        ObjectNode json = codec.toJson(announce);
        if (signedCopy != null) {
            try {
                json.set("object", codec.parse(signedCopy.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a stored signed copy is not JSON", e);
            }
        }
        String body = codec.write(DataIntegrityProofs.sign(json, branch().keys().ed25519(), clock.instant()));
        for (URI inbox : followerInboxes(c)) {
            deliveries.enqueue(c, inbox, announce.id().orElseThrow().toString(), body, clock.instant(), null);
        }
        return joinId;
    }

    /**
     * {@code Add} of a {@code bw:Goal} with {@code bw:goalProgress} to the campaign ({@code target}),
     * from the branch {@code Group}: "we are at N on this goal". Carries the branch's proof.
     */
    @Override
    public void progressReported(Connection c, URI campaign, URI ownerInbox, String goal, int amount) throws SQLException {
        URI self = uris.branchActor(branch().branch().slug());
        URI id = uris.newActivity();
        Activity add = new Activity(ObjectCore.of(id, "Add").withTimes(clock.instant(), null)
                .withAttribution(self, new Audience(List.of(), List.of(), List.of(), List.of(), List.of())),
                ActivityType.ADD, Ref.to(self), List.of(), Ref.to(campaign), null, null, null);
        ObjectNode json = codec.toJson(add);
        ObjectNode report = json.putObject("object");
        report.put("type", "bw:Goal").put("name", goal).put("bw:goalProgress", amount);
        json.put("bw:progressReport", true);
        String body = codec.write(DataIntegrityProofs.sign(json, branch().keys().ed25519(), clock.instant()));
        deliveries.enqueue(c, ownerInbox, id.toString(), body, clock.instant(), null);
    }

    @Override
    public void campaignWithdrawn(Connection c, URI campaign, URI ownerInbox) throws SQLException {
        URI self = uris.branchActor(branch().branch().slug());
        Activity leave = new Activity(ObjectCore.of(uris.newActivity(), "Leave").withTimes(clock.instant(), null),
                ActivityType.LEAVE, Ref.to(self), List.of(Ref.to(campaign)), null, null, null, null);
        enqueue(c, leave, List.of(ownerInbox));
    }

    /** {@code Accept} or {@code Reject} of the actor's {@code Join}, embedding it whole (as Mobilizon does). */
    @Override
    public void rsvpAnswered(Connection c, BranchEvent e, Rsvp rsvp, boolean accepted) throws SQLException {
        if (rsvp.actorInbox() == null || rsvp.joinId() == null) {
            return;
        }
        URI branchId = uris.branchActor(branch().branch().slug());
        Activity join = new Activity(ObjectCore.of(rsvp.joinId(), "Join"), ActivityType.JOIN, Ref.to(rsvp.actor()),
                List.of(Ref.to(uris.event(e.id()))), null, null, null, null);
        Activity answer = new Activity(ObjectCore.of(uris.newActivity(), accepted ? "Accept" : "Reject")
                .withTimes(clock.instant(), null)
                .withAttribution(branchId, new Audience(List.of(rsvp.actor()), List.of(), List.of(), List.of(), List.of())),
                accepted ? ActivityType.ACCEPT : ActivityType.REJECT, Ref.to(branchId), List.of(Ref.to(join)),
                null, null, null, null);
        enqueue(c, answer, List.of(rsvp.actorInbox()));
    }

    /** {@code Join} (or {@code Leave}) of a remote event, from the member's {@code Person} actor and signed by its key. */
    @Override
    public URI rsvpSent(Connection c, PublicProfile who, URI event, URI ownerInbox, URI joinId, boolean joining)
            throws SQLException {
        URI person = uris.person(who.handle());
        URI id = uris.newActivity();
        Audience to = new Audience(List.of(), List.of(), List.of(), List.of(), List.of());
        Activity activity = new Activity(ObjectCore.of(id, joining ? "Join" : "Leave")
                .withTimes(clock.instant(), null).withAttribution(person, to),
                joining ? ActivityType.JOIN : ActivityType.LEAVE, Ref.to(person), List.of(Ref.to(event)),
                null, null, null, null);
        deliveries.enqueue(c, ownerInbox, id.toString(), codec.write(activity), clock.instant(), who.handle());
        return id;
    }

    /** Queues the activity for each inbox (duplicates collapse), signed by the branch. */
    public void enqueue(Connection c, Activity activity, Collection<URI> inboxes) throws SQLException {
        String body = codec.write(activity);
        String id = activity.id().orElseThrow(() -> new IllegalArgumentException("outgoing activities need an id")).toString();
        for (URI inbox : new LinkedHashSet<>(inboxes)) {
            deliveries.enqueue(c, inbox, id, body, clock.instant(), null);
        }
    }

    /** The inboxes that reach every follower: shared inboxes where offered. */
    public Set<URI> followerInboxes(Connection c) throws SQLException {
        Set<URI> inboxes = new LinkedHashSet<>();
        for (FollowStore.Follower f : follows.followers(c)) {
            inboxes.add(f.sharedInbox() != null ? f.sharedInbox() : f.inbox());
        }
        return inboxes;
    }

    /** The activity with its object and itself each proved by the branch's Ed25519 key, as the JSON that goes out. */
    public ObjectNode signed(Activity activity) {
        LocalActors.BranchActor branch = branch();
        ObjectNode json = codec.toJson(activity);
        AsObject object = activity.object().flatMap(Ref::embedded).orElse(null);
        if (object != null && !(object instanceof Tombstone)) {
            json.set("object", DataIntegrityProofs.sign(codec.toJson(object), branch.keys().ed25519(), clock.instant()));
        }
        return DataIntegrityProofs.sign(json, branch.keys().ed25519(), clock.instant());
    }

    /** An object of the branch's with its proof, as served at its IRI. */
    public ObjectNode signedObject(AsObject object) {
        return DataIntegrityProofs.sign(codec.toJson(object), branch().keys().ed25519(), clock.instant());
    }

    private void toFollowers(Connection c, Activity activity) throws SQLException {
        toFollowers(c, activity, Set.of());
    }

    private void toFollowers(Connection c, Activity activity, Set<URI> alsoTo) throws SQLException {
        String body = codec.write(signed(activity));
        String id = activity.id().orElseThrow().toString();
        Set<URI> inboxes = followerInboxes(c);
        inboxes.addAll(alsoTo);
        for (URI inbox : inboxes) {
            deliveries.enqueue(c, inbox, id, body, clock.instant(), null);
        }
    }

    private LocalActors.BranchActor branch() {
        return actors.branch().orElseThrow(() -> new IllegalStateException("the node has no branch yet"));
    }
}
