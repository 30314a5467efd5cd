package org.branchwork.node.federation.inbound;

import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.service.Effect;

/**
 * What handling a received activity came to. The first three are final and recorded on the
 * activity (its {@link #kind()} and {@link #text()}); {@link RetryLater} is not: the
 * {@link InboxProcessor} tries the activity again with backoff, and files a dead letter an admin
 * can requeue only after {@value InboxProcessor#MAX_ATTEMPTS} attempts.
 */
public sealed interface Outcome {

    /** How an outcome is filed in the store. */
    enum Kind {
        HANDLED,
        IGNORED,
        REFUSED,
        FAILED
    }

    /** It took effect: a follower added, an RSVP answered, an object stored. */
    record Handled(String what) implements Outcome {}

    /** Nothing to do, and nothing wrong: a duplicate, an activity about something we do not hold. */
    record Ignored(String reason) implements Outcome {}

    /** Refused under the trust or campaign rules, or for good (its origin says the object is gone). */
    record Refused(String reason) implements Outcome {}

    /** Our own failure (a handler's bug): final, since a retry would fail the same way, and kept apart from refusals. */
    record Failed(String error) implements Outcome {}

    /** A failure that may pass: an origin that did not answer, a database that could not write. */
    record RetryLater(String reason, Throwable cause) implements Outcome {}

    static Outcome handled(String what) {
        return new Handled(what);
    }

    static Outcome ignored(String reason) {
        return new Ignored(reason);
    }

    static Outcome refused(String reason) {
        return new Refused(reason);
    }

    /** A fetch that failed: later when it may pass, refused when the origin's answer was final (404, 410). */
    static Outcome fetchFailed(FetchException e, String what) {
        return e.mayPass() ? new RetryLater(what + e.getMessage(), e) : new Refused(what + e.getMessage());
    }

    /** A service's verdict on a change a peer asked for. */
    static Outcome of(Effect effect) {
        return switch (effect) {
            case Effect.Changed c -> new Handled(c.what());
            case Effect.Unchanged u -> new Ignored(u.reason());
            case Effect.Refused r -> new Refused(r.reason());
        };
    }

    /**
     * Two outcomes of one activity (an event both linked to a campaign and stored): the weightier
     * kind stands (a retry, then a failure, then what took effect, then a refusal, then nothing to
     * do), and the words of both are kept.
     */
    default Outcome and(Outcome other) {
        if (this instanceof RetryLater) {
            return this;
        }
        if (other instanceof RetryLater) {
            return other;
        }
        Outcome first = weight(this) >= weight(other) ? this : other;
        Outcome second = first == this ? other : this;
        String both = detail(first) + "; " + second.text();
        return switch (first) {
            case Handled h -> new Handled(both);
            case Ignored i -> new Ignored(both);
            case Refused r -> new Refused(both);
            case Failed f -> new Failed(both);
            case RetryLater r -> r;
        };
    }

    private static int weight(Outcome o) {
        return switch (o) {
            case Ignored i -> 0;
            case Refused r -> 1;
            case Handled h -> 2;
            case Failed f -> 3;
            case RetryLater r -> 4;
        };
    }

    private static String detail(Outcome o) {
        return switch (o) {
            case Handled h -> h.what();
            case Ignored i -> i.reason();
            case Refused r -> r.reason();
            case Failed f -> f.error();
            case RetryLater r -> r.reason();
        };
    }

    /** How it is filed; {@link RetryLater} is never filed. */
    default Kind kind() {
        return switch (this) {
            case Handled h -> Kind.HANDLED;
            case Ignored i -> Kind.IGNORED;
            case Refused r -> Kind.REFUSED;
            case Failed f -> Kind.FAILED;
            case RetryLater r -> throw new IllegalStateException("a retry is not an outcome to file");
        };
    }

    /** The text the inbox record and the admin page show. */
    default String text() {
        return switch (this) {
            case Handled h -> h.what();
            case Ignored i -> "ignored: " + i.reason();
            case Refused r -> "refused: " + r.reason();
            case Failed f -> "failed: " + f.error();
            case RetryLater r -> "retry later: " + r.reason();
        };
    }
}
