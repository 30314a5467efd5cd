package org.branchwork.node.web.view;

import java.util.List;

/**
 * The broadcasts page: those received from the nodes the branch follows (its organisers' queue),
 * those this node sent, and (for admins) whose broadcasts are approved as they arrive.
 */
public record BroadcastsView(
        String title,
        String csrf,
        List<Received> received,
        List<Sent> sent,
        List<Choice> senders,
        List<String> autoApproved,
        boolean admin,
        String notice,
        String error) {

    /** One received broadcast. */
    public record Received(long id, String subject, String sender, String state, String when, String counts) {}

    /** One broadcast this node sent. */
    public record Sent(String uuid, String subject, String when) {}

    public boolean noneReceived() {
        return received.isEmpty();
    }

    public boolean noneSent() {
        return sent.isEmpty();
    }

    public boolean noSenders() {
        return senders.isEmpty();
    }

    public boolean noAutoApproved() {
        return autoApproved.isEmpty();
    }
}
