package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.util.function.Predicate;

import org.branchwork.node.federation.inbound.HandlerRegistry;
import org.branchwork.node.federation.inbound.ObjectKind;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.vocab.ActivityType;

/**
 * Which handler takes which received activity: the one table of inbound routes, by activity type
 * and what its object is ({@link ObjectKind}). A new handler goes here, with its kind.
 */
public final class InboundRoutes {

    private InboundRoutes() {}

    /**
     * @param isOurJoin whether an id is a {@code Join} one of our members sent (an {@code Accept}
     *                  of it answers an RSVP, not a follow)
     */
    public static HandlerRegistry registry(
            LocalUris uris,
            Predicate<URI> isOurJoin,
            ContentHandlers content,
            CampaignHandlers campaigns,
            BroadcastHandlers broadcasts,
            ConsultationHandlers consultations,
            FollowHandlers follows,
            RsvpHandlers rsvps,
            PollRsvpHandlers polls) {
        return new HandlerRegistry(new ObjectKinds(uris, isOurJoin))
                .onAny(ActivityType.CREATE, in -> {
                    if (polls.isVote(in)) {
                        return polls.vote(in);
                    }
                    return consultations.isVote(in) ? consultations.vote(in) : content.create(in);
                })
                .onAny(
                        ActivityType.UPDATE,
                        in -> consultations.isQuestionUpdate(in) ? consultations.update(in) : content.update(in))
                .onAny(ActivityType.DELETE, content::delete)
                .onAny(ActivityType.ANNOUNCE, content::announce)
                .onAny(ActivityType.ADD, in -> {
                    if (consultations.isTally(in)) {
                        return consultations.tally(in);
                    }
                    return broadcasts.isReport(in) ? broadcasts.report(in) : campaigns.report(in);
                })
                .on(ActivityType.JOIN, ObjectKind.LOCAL_CONSULTATION, consultations::join)
                .on(ActivityType.JOIN, ObjectKind.LOCAL_CAMPAIGN, campaigns::join)
                .on(ActivityType.LEAVE, ObjectKind.LOCAL_CAMPAIGN, campaigns::leave)
                .on(ActivityType.JOIN, ObjectKind.LOCAL_EVENT, rsvps::join)
                .on(ActivityType.LEAVE, ObjectKind.LOCAL_EVENT, rsvps::leave)
                .on(ActivityType.UNDO, ObjectKind.EMBEDDED_JOIN, rsvps::undo)
                .on(ActivityType.ACCEPT, ObjectKind.OUR_JOIN, rsvps::accepted)
                .on(ActivityType.REJECT, ObjectKind.OUR_JOIN, rsvps::rejected)
                .on(ActivityType.FOLLOW, ObjectKind.LOCAL_OTHER, follows::follow)
                .on(ActivityType.UNDO, ObjectKind.EMBEDDED_FOLLOW, follows::undo)
                .on(ActivityType.UNDO, ObjectKind.REMOTE_REFERENCE, follows::undo)
                .onAny(ActivityType.ACCEPT, follows::accept)
                .onAny(ActivityType.REJECT, follows::reject);
    }
}
