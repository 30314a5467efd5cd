package org.branchwork.node.federation.outbound;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.federation.LocalActors;
import org.branchwork.node.federation.mapping.AnnouncementMapper;
import org.branchwork.node.service.FederationOutbox;
import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.vocab.Activity;

/**
 * Puts outgoing activities in the delivery queue, inside the caller's transaction (so an activity
 * exists exactly when the change that caused it does), one row per distinct inbox. Fan-out to
 * followers uses each peer's shared inbox where it offers one, so a server with a thousand
 * followers gets one request.
 */
public final class OutboundPublisher implements FederationOutbox {

    private final DeliveryStore deliveries;
    private final FollowStore follows;
    private final ActivityCodec codec;
    private final LocalActors actors;
    private final AnnouncementMapper announcements;
    private final Clock clock;

    public OutboundPublisher(DeliveryStore deliveries, FollowStore follows, ActivityCodec codec, LocalActors actors,
                             AnnouncementMapper announcements, Clock clock) {
        this.deliveries = deliveries;
        this.follows = follows;
        this.codec = codec;
        this.actors = actors;
        this.announcements = announcements;
        this.clock = clock;
    }

    /**
     * A {@code Create} to every follower, with an FEP-8b32 proof by the branch's Ed25519 key, so a
     * copy relayed by another branch stays verifiable.
     */
    @Override
    public void announcementPublished(Connection c, Announcement announcement) throws SQLException {
        LocalActors.BranchActor branch = actors.branch()
                .orElseThrow(() -> new IllegalStateException("announcements need the branch to exist"));
        Activity create = announcements.create(announcement, branch.branch().slug());
        ObjectNode signed = DataIntegrityProofs.sign(codec.toJson(create), branch.keys().ed25519(), clock.instant());
        String body = codec.write(signed);
        String id = create.id().orElseThrow().toString();
        for (URI inbox : followerInboxes(c)) {
            deliveries.enqueue(c, inbox, id, body, clock.instant());
        }
    }

    /** Queues the activity for each inbox (duplicates collapse). */
    public void enqueue(Connection c, Activity activity, Collection<URI> inboxes) throws SQLException {
        String body = codec.write(activity);
        String id = activity.id().orElseThrow(() -> new IllegalArgumentException("outgoing activities need an id")).toString();
        for (URI inbox : new LinkedHashSet<>(inboxes)) {
            deliveries.enqueue(c, inbox, id, body, clock.instant());
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
}
