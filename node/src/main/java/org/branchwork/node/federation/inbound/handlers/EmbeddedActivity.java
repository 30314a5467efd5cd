package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.util.Optional;

import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.Ref;

/**
 * The one rule for an activity embedded in another that undoes or withdraws it (an {@code Undo}'s
 * {@code Follow}, {@code Join} or {@code Like}): the signed outer activity's actor is the authority.
 * The embedded one may leave its {@code actor} out (an independent server's Undo did, and its
 * unfollow was refused for ever); when it names one, that must be the outer actor.
 */
final class EmbeddedActivity {

    private EmbeddedActivity() {}

    /** The embedded activity when it is the outer actor's own; empty for none, or for someone else's. */
    static Optional<Activity> ownedBy(Activity outer) {
        URI actor = outer.actor().id().orElseThrow();
        return outer.object()
                .flatMap(Ref::embedded)
                .filter(Activity.class::isInstance)
                .map(Activity.class::cast)
                .filter(inner -> inner.actor().id().map(actor::equals).orElse(true));
    }
}
