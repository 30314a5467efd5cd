package org.branchwork.node.federation;

import java.util.List;

import org.branchwork.node.federation.inbound.InboxProcessor;
import org.branchwork.node.storage.InboxStore;

/** Received activities that ran out of attempts at handling, for an admin to see and hand back. */
public final class InboxDeadLetters {

    private final InboxProcessor processor;

    public InboxDeadLetters(InboxProcessor processor) {
        this.processor = processor;
    }

    public List<InboxStore.DeadActivity> list(int limit) {
        return processor.deadLetters(limit);
    }

    /** Puts one dead activity ({@code activityId}), or all of them (null), back to be handled now. */
    public int requeue(String activityId) {
        return processor.requeueDead(activityId);
    }
}
