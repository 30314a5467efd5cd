package org.branchwork.node.federation.inbound;

import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;

/**
 * Handling an accepted activity failed in a way that may pass (its origin did not answer, a
 * database that could not write): the {@link InboxProcessor} tries it again later, with backoff,
 * and only after {@link InboxProcessor#MAX_ATTEMPTS} attempts does it become a dead letter an admin
 * can see and requeue. Anything final is an outcome instead, never this.
 */
public final class RetryLater extends RuntimeException {

    public RetryLater(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The outcome for a fetch that failed for good; throws this for one that may pass. */
    public static String unlessFinal(FetchException e, String what) {
        if (e.mayPass()) {
            throw new RetryLater(what + e.getMessage(), e);
        }
        return "failed: " + what + e.getMessage();
    }
}
