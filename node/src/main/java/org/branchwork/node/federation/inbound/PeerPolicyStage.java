package org.branchwork.node.federation.inbound;

import java.net.URI;

import org.branchwork.node.http.Problem;
import org.branchwork.node.service.PeerPolicy;

/**
 * Domain and actor blocks and the allow-list, checked on the activity's actor before any key is
 * fetched, so that a blocked server costs the node no outgoing request. The signing key's server
 * is checked by {@link SignatureStage}, which parses the key id.
 */
final class PeerPolicyStage implements InboxStage<Parsed, Parsed> {

    private final PeerPolicy policy;

    PeerPolicyStage(PeerPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Step<Parsed> apply(Parsed parsed) {
        URI actor = parsed.activity().actor().id().orElseThrow();
        return policy.refusal(actor)
                .<Step<Parsed>>map(reason -> Step.stop(refused(reason)))
                .orElse(Step.pass(parsed));
    }

    static Problem refused(String reason) {
        return new Problem(403, "peer_refused", "Forbidden", reason);
    }
}
