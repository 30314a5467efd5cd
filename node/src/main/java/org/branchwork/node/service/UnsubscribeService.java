package org.branchwork.node.service;

import java.util.Optional;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.MailingId;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.MailQueueStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.Transactions;

/**
 * Unsubscribing with the link in a mail, signed in or not: the link's token names one member and
 * one purpose, and does nothing else. Withdrawal takes effect at once (queued mail for the purpose
 * is skipped) and goes into the member's consent history; the mailing that carried the link counts it.
 */
public final class UnsubscribeService {

    /** What happened. */
    public enum Result {
        /** Consent withdrawn now. */
        UNSUBSCRIBED,
        /** There was no consent to withdraw. */
        ALREADY,
        /** Not a link this node made, or the member is no longer on the list. */
        UNKNOWN
    }

    private final Transactions tx;
    private final MailLinks links;
    private final MemberStore members;
    private final MailQueueStore queue;
    private final ConsentLog consents;
    private final AuditLog audit;

    public UnsubscribeService(
            Transactions tx,
            MailLinks links,
            MemberStore members,
            MailQueueStore queue,
            ConsentLog consents,
            AuditLog audit) {
        this.tx = tx;
        this.links = links;
        this.members = members;
        this.queue = queue;
        this.consents = consents;
        this.audit = audit;
    }

    /** The purpose a token unsubscribes from, when it names a member still on the list. */
    public Optional<Consent.Purpose> purposeOf(String token) {
        return links.unsubscribe(token)
                .filter(u -> tx.inTransaction(c -> members.find(c, u.member())).isPresent())
                .map(MailLinks.Unsubscribe::purpose);
    }

    /**
     * @param mailing the mailing whose link it was (from the link; only counted when the member was
     *                one of its recipients), or null
     */
    public Result unsubscribe(String token, MailingId mailing) {
        Optional<MailLinks.Unsubscribe> u = links.unsubscribe(token);
        if (u.isEmpty()) {
            return Result.UNKNOWN;
        }
        MemberId member = u.get().member();
        Consent.Purpose purpose = u.get().purpose();
        return tx.inTransaction(c -> {
            if (members.find(c, member).isEmpty()) {
                return Result.UNKNOWN;
            }
            if (!consents.current(c, member).get(purpose)) {
                return Result.ALREADY;
            }
            consents.changed(c, member, purpose, false, Consent.How.UNSUBSCRIBE_LINK, member);
            if (purpose == Consent.Purpose.BRANCH) {
                members.setContactConsent(c, member, false);
            }
            if (mailing != null) {
                queue.unsubscribedFrom(c, mailing, member);
            }
            audit.record(
                    c, new Acting(member, Role.MEMBER), "consent.unsubscribed", member, "purpose=" + purpose.code());
            return Result.UNSUBSCRIBED;
        });
    }
}
