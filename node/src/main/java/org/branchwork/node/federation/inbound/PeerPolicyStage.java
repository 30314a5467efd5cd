package org.branchwork.node.federation.inbound;

import java.net.URI;
import java.util.Optional;

import org.branchwork.node.federation.PeerPolicy;
import org.branchwork.node.web.Problem;

/**
 * Domain and actor blocks and the allow-list, checked on the actor and on the signing key's server
 * before any key is fetched, so that a blocked server costs the node no outgoing request.
 */
final class PeerPolicyStage implements InboxStage {

    private final PeerPolicy policy;

    PeerPolicyStage(PeerPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Optional<Problem> apply(InboxContext context) {
        URI actor = context.activity().actor().id().orElseThrow();
        Optional<String> refusal = policy.refusal(actor);
        if (refusal.isEmpty()) {
            refusal = keyServer(context).flatMap(policy::refusal);
        }
        return refusal.map(reason -> new Problem(403, "peer_refused", "Forbidden", reason));
    }

    private static Optional<URI> keyServer(InboxContext context) {
        String header = context.request().header("signature-input").or(() -> context.request().header("signature")).orElse("");
        int at = header.toLowerCase(java.util.Locale.ROOT).indexOf("keyid=\"");
        if (at < 0) {
            return Optional.empty();
        }
        int start = at + 7;
        int end = header.indexOf('"', start);
        try {
            return end > start ? Optional.of(URI.create(header.substring(start, end))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
