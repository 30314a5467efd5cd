package org.branchwork.node.storage;

import java.time.Duration;

/**
 * Closes the one window in which a vote's two rows can be lined up on disk. A vote writes the
 * voter's mark and the ballot in one transaction, and HSQLDB's redo log ({@code .log}) records the
 * two side by side, in the order people voted, until the next checkpoint. This runs a
 * {@code CHECKPOINT} {@link #DELAY} after a burst of votes (and after a count deletes ballots):
 * the memory tables holding marks and ballots are then on disk only in the {@code .script}, in
 * key order (member id; receipt hash), and the log is empty. See docs/decisions/0004.
 */
public final class VoteCheckpoints implements AutoCloseable {

    /** How long votes are gathered before one checkpoint: the longest a vote's rows sit in the log. */
    public static final Duration DELAY = Duration.ofSeconds(5);

    private final CoalescedWork checkpoint;

    public VoteCheckpoints(Database database, Duration delay) {
        this.checkpoint = new CoalescedWork(
                "vote-checkpoints",
                delay,
                database::checkpoint,
                "A checkpoint after votes failed; the next vote or the shutdown tries again");
    }

    /** Called after a transaction that wrote or deleted ballots has committed. */
    public void written() {
        checkpoint.request();
    }

    /** How many checkpoints have run (for tests). */
    public long checkpoints() {
        return checkpoint.runs();
    }

    /** Stops; the database's own shutdown checkpoints whatever is left. */
    @Override
    public void close() {
        checkpoint.close();
    }
}
