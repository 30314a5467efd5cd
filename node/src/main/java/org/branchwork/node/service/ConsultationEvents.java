package org.branchwork.node.service;

import java.sql.Connection;
import java.sql.SQLException;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.Tally;

/**
 * What {@link ConsultationService} tells the network side of consultations
 * ({@link ConsultationNetwork}): a consultation opened or was certified (inside that transaction),
 * ballots changed (after the commit), and whether a received consultation still waits to be taken
 * up (then its electorate is not frozen and nobody votes).
 */
public interface ConsultationEvents {

    /** Nothing federated: a node on its own (service tests). */
    ConsultationEvents NONE = new ConsultationEvents() {};

    default void created(Connection c, Consultation k) throws SQLException {}

    /** The close was counted: {@code tally} and {@code receiptsHash} are what was certified. */
    default void certified(Connection c, Consultation k, Tally tally, String receiptsHash) throws SQLException {}

    /** A ballot was cast or changed (after its commit). */
    default void ballotsChanged(ConsultationId id) {}

    default boolean awaitingTakeUp(Connection c, ConsultationId id) throws SQLException {
        return false;
    }
}
