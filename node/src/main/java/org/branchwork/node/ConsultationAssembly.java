package org.branchwork.node;

import org.branchwork.node.service.AuditLog;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.BallotStore;
import org.branchwork.node.storage.ConsultationStore;
import org.branchwork.node.storage.ElectorateStore;
import org.branchwork.node.storage.VoteCheckpoints;

/**
 * Consultations on this node: the service, its three stores (what was asked, who may vote and
 * did, the ballots: kept apart, see docs/decisions/0004-ballot-secrecy.md), and the checkpoints
 * that take votes out of the database's redo log soon after they are cast.
 */
record ConsultationAssembly(ConsultationService consultations, VoteCheckpoints checkpoints) {

    static ConsultationAssembly build(Foundation f) {
        VoteCheckpoints checkpoints = new VoteCheckpoints(f.database(), VoteCheckpoints.DELAY);
        ConsultationService consultations = new ConsultationService(
                f.tx(),
                new ConsultationStore(),
                new ElectorateStore(),
                new BallotStore(),
                new AuditLog(f.tx(), new AuditStore(), f.clock()),
                f.config().timeZone(),
                f.random(),
                checkpoints::written,
                f.clock());
        return new ConsultationAssembly(consultations, checkpoints);
    }
}
