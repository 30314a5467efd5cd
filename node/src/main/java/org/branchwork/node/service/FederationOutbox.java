package org.branchwork.node.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.domain.PublicProfile;
import org.branchwork.node.domain.Rsvp;

/**
 * The port through which services tell the network about a change, inside their own transaction.
 * Domain in, nothing ActivityPub-specific: the federation layer decides what goes on the wire.
 */
public interface FederationOutbox {

    /** The branch published an announcement. */
    void announcementPublished(Connection c, Announcement announcement) throws SQLException;

    /** An organiser edited it. */
    void announcementUpdated(Connection c, Announcement announcement) throws SQLException;

    /** An organiser deleted it. */
    void announcementDeleted(Connection c, Announcement announcement) throws SQLException;

    /** The branch published an event. */
    void eventPublished(Connection c, BranchEvent event, EventCounts counts) throws SQLException;

    /** An event changed: edited, cancelled, or its participant counts moved. */
    void eventUpdated(Connection c, BranchEvent event, EventCounts counts) throws SQLException;

    /** An event was deleted. */
    void eventDeleted(Connection c, BranchEvent event) throws SQLException;

    /** A remote actor's RSVP was accepted or refused: the answer goes to them. */
    void rsvpAnswered(Connection c, BranchEvent event, Rsvp rsvp, boolean accepted) throws SQLException;

    /**
     * A member with a public profile RSVPs to another branch's event ({@code Join}, {@code joinId}
     * null) or withdraws the RSVP that {@code joinId} made ({@code Leave}). Returns the id of the
     * activity sent.
     */
    URI rsvpSent(Connection c, PublicProfile who, URI event, URI ownerInbox, URI joinId, boolean joining) throws SQLException;

    /** The node published a campaign (or edited or closed it: {@code update}). */
    void campaignPublished(Connection c, org.branchwork.node.domain.Campaign campaign, boolean update) throws SQLException;

    /** A branch's adoption was recorded: {@code Accept} of its {@code Join} to its inbox. */
    void adoptionAccepted(Connection c, org.branchwork.node.domain.Campaign campaign, URI branch, URI inbox, URI joinId)
            throws SQLException;

    /**
     * The branch adopts another node's campaign: {@code Join} to the owner and {@code Announce} of
     * it to the branch's followers (embedding {@code signedCopy}, the owner's signed object, when
     * there is one). Returns the id of the {@code Join}.
     */
    URI campaignAdopted(Connection c, URI campaign, URI ownerInbox, String signedCopy) throws SQLException;

    /** The branch withdraws from a campaign: {@code Leave} to the owner. */
    void campaignWithdrawn(Connection c, URI campaign, URI ownerInbox) throws SQLException;

    /** The branch reports its progress on a campaign goal that does not count itself. */
    void progressReported(Connection c, URI campaign, URI ownerInbox, String goal, int amount) throws SQLException;
}
