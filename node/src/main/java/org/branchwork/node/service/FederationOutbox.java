package org.branchwork.node.service;

import java.sql.Connection;
import java.sql.SQLException;

import org.branchwork.node.domain.Announcement;

/**
 * The port through which services tell the network about a change, inside their own transaction.
 * Domain in, nothing ActivityPub-specific: the federation layer decides what goes on the wire.
 */
public interface FederationOutbox {

    /** The branch published an announcement. */
    void announcementPublished(Connection c, Announcement announcement) throws SQLException;
}
