package org.branchwork.node.federation.inbound;

import java.net.URI;

import org.branchwork.node.http.Problem;
import org.branchwork.protocol.vocab.Origins;

/**
 * The signing key's owner must be the activity's actor (the whole IRI, not just its host), and the
 * activity's id must live on the actor's origin: nobody speaks for anyone else.
 */
final class KeyOwnerStage implements InboxStage<Verified, Verified> {

    @Override
    public Step<Verified> apply(Verified verified) {
        URI owner = verified.signature().owner();
        URI actor = verified.parsed().activity().actor().id().orElseThrow();
        if (!owner.equals(actor)) {
            return Step.stop(Problem.unauthorized(
                    "key_owner_not_actor",
                    "The request is signed by " + owner + " but the activity's actor is " + actor + "."));
        }
        URI id = verified.parsed().activity().id().orElseThrow();
        if (!Origins.same(id, actor)) {
            return Step.stop(Problem.unauthorized(
                    "origin_mismatch",
                    "The activity " + id + " is not on its actor's origin " + Origins.of(actor) + "."));
        }
        return Step.pass(verified);
    }
}
