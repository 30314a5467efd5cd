package org.branchwork.node.domain;

/**
 * A branch's aggregate for one broadcast: how many mails went to the mail server, how many failed
 * for good, and how many recipients unsubscribed through it. Counts only, never whom.
 */
public record RelayCounts(int sent, int failed, int unsubscribed) {

    public static final RelayCounts NONE = new RelayCounts(0, 0, 0);

    public RelayCounts plus(RelayCounts other) {
        return new RelayCounts(sent + other.sent, failed + other.failed, unsubscribed + other.unsubscribed);
    }
}
