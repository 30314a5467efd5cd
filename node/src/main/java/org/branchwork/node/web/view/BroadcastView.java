package org.branchwork.node.web.view;

import java.util.List;

/** A broadcast this node sent: its text, the totals the branches reported, and each branch's status. */
public record BroadcastView(
        String title,
        String subject,
        String published,
        String segment,
        String safeHtml,
        int totalSent,
        int totalFailed,
        int totalUnsubscribed,
        List<Branch> branches,
        int unanswered,
        String notice) {

    /** One branch that answered. */
    public record Branch(
            String branch, String name, String state, int sent, int failed, int unsubscribed, String reported) {}

    public boolean noneAnswered() {
        return branches.isEmpty();
    }
}
