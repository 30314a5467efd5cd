package org.branchwork.node.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The one port through which services tell the network about a change, inside their own
 * transaction: the activity exists exactly when the change does. Domain in, nothing
 * ActivityPub-specific: the federation decides the activity, its recipients and its signature.
 */
@FunctionalInterface
public interface FederationOutbox {

    /**
     * Queues what the change means on the wire; returns the id of the activity that carries it,
     * or empty when the change has nobody to tell (a local member's RSVP answered).
     */
    Optional<URI> publish(Connection c, DomainChange change) throws SQLException;
}
