package org.branchwork.node.domain;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Drawing lots where the counting rules say "the returning officer shall decide, by lot"
 * (Scottish rules 49(3) and 51(2)(b)). A count must be repeatable by anyone from the published
 * figures, so the lot is not a live coin: {@link #seeded} draws from a SHA-256 of a seed the count
 * publishes (the consultation's receipts hash, unknown to anyone before the close).
 */
@FunctionalInterface
public interface Lot {

    /** One of {@code tied} (option indexes, ascending), at {@code stage} of the count. */
    int draw(List<Integer> tied, int stage);

    /** Index {@code SHA-256(seed ":" stage ":" tied)}'s first 8 bytes, as an unsigned number, modulo the tie's size. */
    static Lot seeded(String seed) {
        return (tied, stage) -> {
            try {
                byte[] h = MessageDigest.getInstance("SHA-256")
                        .digest((seed + ":" + stage + ":" + Tally.encode(tied)).getBytes(StandardCharsets.UTF_8));
                long n = ByteBuffer.wrap(h, 0, 8).getLong();
                return tied.get((int) Long.remainderUnsigned(n, tied.size()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
