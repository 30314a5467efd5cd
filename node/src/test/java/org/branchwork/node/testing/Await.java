package org.branchwork.node.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what nodes reach in the background: bounded, polled often, never a fixed sleep. */
public final class Await {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    /** Short, so that a test waits little past the moment the condition holds; each look is cheap. */
    private static final long POLL_MILLIS = 10;

    private Await() {}

    /** Returns once {@code condition} holds; fails naming {@code what} after 30 s. */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + LIMIT.toSeconds() + " s waiting until " + what);
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
