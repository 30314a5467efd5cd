package org.branchwork.node.domain;

import java.time.Instant;

/**
 * What a branch reports on a consultation it took part in: its electorate, the ballots cast, the
 * count of each distinct ranking ({@link Tally}), the hash over its sorted receipt hashes
 * ({@link Receipts#listHash}), a sequence number that grows from one tally to the next (so an
 * older one is recognised), when it was made, and whether it is the final one, sent at the close.
 * Counts only: nothing in it names a member.
 */
public record BranchTally(
        long electorate, Tally tally, String receiptsHash, long sequence, Instant updated, boolean isFinal) {

    public long ballots() {
        return tally.ballots();
    }
}
