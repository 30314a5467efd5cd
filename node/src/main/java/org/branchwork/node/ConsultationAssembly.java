package org.branchwork.node;

import org.branchwork.node.service.AuditLog;
import org.branchwork.node.service.BallotMails;
import org.branchwork.node.service.ConsultationNetwork;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.service.ConsultationTakeUp;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.BallotStore;
import org.branchwork.node.storage.ConsultationNetworkStore;
import org.branchwork.node.storage.ConsultationStore;
import org.branchwork.node.storage.ElectorateStore;
import org.branchwork.node.storage.VoteCheckpoints;

/**
 * Consultations on this node: the service, its three stores (what was asked, who may vote and
 * did, the ballots: kept apart, see docs/decisions/0004-ballot-secrecy.md), and the checkpoints
 * that take votes out of the database's redo log soon after they are cast; and across the network
 * the owner's side ({@link ConsultationNetwork}: who takes part, their tallies, the results) and a
 * branch's ({@link ConsultationTakeUp}: received consultations, taking part, sending tallies).
 */
record ConsultationAssembly(
        ConsultationService consultations,
        ConsultationNetwork network,
        ConsultationTakeUp takeUp,
        VoteCheckpoints checkpoints) {

    static ConsultationAssembly build(Foundation f, FederationAssembly fed, MailAssembly mail) {
        VoteCheckpoints checkpoints = new VoteCheckpoints(f.database(), VoteCheckpoints.DELAY);
        ConsultationStore store = new ConsultationStore();
        ConsultationNetworkStore networkStore = new ConsultationNetworkStore();
        BallotStore ballots = new BallotStore();
        ConsultationNetwork network = new ConsultationNetwork(
                f.tx(),
                store,
                networkStore,
                ballots,
                fed.followStore(),
                () -> f.branches().current().map(b -> f.uris().branchActor(b.slug())),
                f.clock());
        ConsultationTakeUp takeUp = new ConsultationTakeUp(
                f.tx(),
                store,
                networkStore,
                ballots,
                fed.followStore(),
                fed.outbox(),
                network,
                fed.worker()::wake,
                f.clock());
        ElectorateStore electorate = new ElectorateStore();
        BallotMails mails = new BallotMails(
                f.tx(),
                store,
                electorate,
                f.uris()::consultation,
                () -> f.branches().current().map(b -> b.name()).orElse("Branchwork"),
                f.config().timeZone(),
                f.clock(),
                mail.queue()::wake);
        mail.queue().beforeClaim(mails::remindDue);
        ConsultationService consultations = new ConsultationService(
                f.tx(),
                store,
                electorate,
                ballots,
                new AuditLog(f.tx(), new AuditStore(), f.clock()),
                f.config().timeZone(),
                f.random(),
                checkpoints::written,
                f.clock(),
                takeUp,
                mails);
        takeUp.bind(consultations);
        return new ConsultationAssembly(consultations, network, takeUp, checkpoints);
    }
}
