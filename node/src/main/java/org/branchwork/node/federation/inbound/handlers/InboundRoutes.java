package org.branchwork.node.federation.inbound.handlers;

import org.branchwork.node.federation.inbound.ActivityDispatcher;
import org.branchwork.protocol.vocab.ActivityType;

/**
 * Which handler takes which received activity: the one table of inbound routes. Where one type
 * means several things (an {@code Undo} of a {@code Join} or of a {@code Follow}, a {@code Join}
 * of a campaign or of an event), the handlers say which it is.
 */
public final class InboundRoutes {

    private InboundRoutes() {
    }

    public static ActivityDispatcher dispatcher(ContentHandlers content, CampaignHandlers campaignHandlers,
                                                FollowHandlers followHandlers, RsvpHandlers rsvpHandlers) {
        return new ActivityDispatcher()
                .onDocument(ActivityType.CREATE, content::create)
                .onDocument(ActivityType.UPDATE, content::update)
                .onDocument(ActivityType.ADD, campaignHandlers::report)
                .on(ActivityType.DELETE, content::delete)
                .onDocument(ActivityType.ANNOUNCE, content::announce)
                .on(ActivityType.FOLLOW, followHandlers::follow)
                .on(ActivityType.UNDO, a -> rsvpHandlers.undoesJoin(a) ? rsvpHandlers.undo(a) : followHandlers.undo(a))
                .on(ActivityType.ACCEPT, a -> rsvpHandlers.answersOurJoin(a) ? rsvpHandlers.answered(a, true)
                        : followHandlers.accept(a))
                .on(ActivityType.REJECT, a -> rsvpHandlers.answersOurJoin(a) ? rsvpHandlers.answered(a, false)
                        : followHandlers.reject(a))
                .on(ActivityType.JOIN, a -> campaignHandlers.concernsCampaign(a) ? campaignHandlers.join(a) : rsvpHandlers.join(a))
                .on(ActivityType.LEAVE, a -> campaignHandlers.concernsCampaign(a) ? campaignHandlers.leave(a)
                        : rsvpHandlers.leave(a));
    }
}
