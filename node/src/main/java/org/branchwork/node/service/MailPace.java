package org.branchwork.node.service;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator's cap on mails per hour (providers cap it; going over gets the branch's mail
 * refused), spread evenly: each mail takes the next free slot, one interval after the last, so
 * every sender of the process shares one pace and a quiet spell builds up no burst.
 */
final class MailPace {

    private final long intervalMicros;
    private final AtomicLong nextSlot = new AtomicLong();

    /** @param perHour the most mails per hour; 0 or less: no cap */
    MailPace(int perHour) {
        this.intervalMicros = perHour <= 0 ? 0 : Math.max(1, 3_600_000_000L / perHour);
    }

    /** Takes the next slot at {@code nowMicros}: how long the caller waits before sending, in microseconds. */
    long take(long nowMicros) {
        if (intervalMicros == 0) {
            return 0;
        }
        long slot = nextSlot.getAndUpdate(next -> Math.max(next, nowMicros) + intervalMicros);
        return Math.max(slot, nowMicros) - nowMicros;
    }
}
