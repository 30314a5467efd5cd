package org.branchwork.node.domain;

/**
 * How far a mailing got, counted from its per-recipient records: still queued, handed to the mail
 * server, failed for good (bounced or refused), and how many recipients unsubscribed through it.
 */
public record MailingProgress(int recipients, int queued, int sent, int failed, int unsubscribed) {

    public static final MailingProgress NONE = new MailingProgress(0, 0, 0, 0, 0);

    /** Done out of 100, for the progress bar. */
    public int percent() {
        int total = queued + sent + failed;
        return total == 0 ? 0 : (int) Math.floor(100.0 * (sent + failed) / total);
    }
}
