package org.branchwork.node.federation.outbound;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: 30 s, then doubling (1, 2, 4 ... 64 min, about 2, 4 and
 * 8.5 h), capped at 12 h, each with up to 10% jitter so that a recovering peer is not hit by every
 * sender at once. Fifteen attempts span about 53 hours (at least the 48 we promise); then the
 * delivery becomes a dead letter. Mastodon tries for 2-3 days (n⁴ + 15 s, 16 attempts).
 */
public final class RetrySchedule {

    public static final int MAX_ATTEMPTS = 15;
    private static final Duration FIRST = Duration.ofSeconds(30);
    private static final Duration CAP = Duration.ofHours(12);

    private final RandomGenerator random;
    private final Duration first;

    /** The schedule above, starting from {@code first} ({@code BRANCHWORK_DELIVERY_FIRST_RETRY}; tests shorten it). */
    public RetrySchedule(RandomGenerator random, Duration first) {
        this.random = random;
        this.first = first;
    }

    /** The delay after the {@code attempt}-th failure (1-based), jitter included. */
    public Duration delayAfter(int attempt) {
        Duration base = doubled(first, attempt);
        long jitter = (long) (base.toMillis() * 0.1 * random.nextDouble());
        return base.plusMillis(jitter);
    }

    /** The delay without jitter, for documentation and tests. */
    public static Duration nominalDelayAfter(int attempt) {
        return doubled(FIRST, attempt);
    }

    private static Duration doubled(Duration first, int attempt) {
        Duration base = first.multipliedBy(1L << Math.min(attempt - 1, 20));
        return base.compareTo(CAP) > 0 ? CAP : base;
    }
}
