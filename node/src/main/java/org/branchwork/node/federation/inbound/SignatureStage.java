package org.branchwork.node.federation.inbound;

import java.util.Locale;
import java.util.Optional;

import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.PeerPolicy;
import org.branchwork.protocol.sig.HttpSignatureVerifier;
import org.branchwork.protocol.sig.ResolvedKey;
import org.branchwork.protocol.sig.SignatureClaim;
import org.branchwork.protocol.sig.Verification;

/**
 * The HTTP signature (draft-cavage or RFC 9421), its time window and the body digest, verified
 * with the signer's key, fetched and cached by the {@link ActorResolver}. A signature that fails
 * with the cached key is tried once more with a freshly fetched one (the peer may have rotated).
 */
final class SignatureStage implements InboxStage<Parsed, Verified> {

    private final HttpSignatureVerifier verifier;
    private final ActorResolver actors;
    private final PeerPolicy policy;
    private final java.util.function.Supplier<java.net.URI> origin;

    SignatureStage(
            HttpSignatureVerifier verifier,
            ActorResolver actors,
            PeerPolicy policy,
            java.util.function.Supplier<java.net.URI> origin) {
        this.verifier = verifier;
        this.actors = actors;
        this.policy = policy;
        this.origin = origin;
    }

    @Override
    public Step<Verified> apply(Parsed parsed) {
        Received received = parsed.received();
        SignatureClaim claim;
        switch (verifier.parse(received.request())) {
            case HttpSignatureVerifier.Parsed.Refused refused -> {
                return Step.stop(refusal(refused.rejection()));
            }
            case HttpSignatureVerifier.Parsed.Claim c -> claim = c.claim();
        }
        // A draft-cavage signature covers the Host header as sent: one made for another server is
        // not for us, however valid. (RFC 9421's @authority is computed from our own origin.)
        if (claim.covered().contains("host")) {
            String host = received.request().header("host").orElse("");
            if (!isOwnAuthority(host)) {
                return Step.stop(Problem.unauthorized(
                        "wrong_host",
                        "The signature covers the host " + host + ", which is not this node ("
                                + origin.get().getRawAuthority() + ")."));
            }
        }
        // The key's server may be blocked even when the claimed actor's is not: check before fetching.
        Optional<Problem> blocked =
                keyServer(claim.keyId()).flatMap(policy::refusal).map(PeerPolicyStage::refused);
        if (blocked.isPresent()) {
            return Step.stop(blocked.get());
        }
        Optional<ResolvedKey> key = actors.key(claim.keyId());
        if (key.isEmpty()) {
            return Step.stop(
                    Problem.unauthorized("unknown_key", "The key " + claim.keyId() + " could not be fetched."));
        }
        Verification result = verifier.verify(claim, received.request(), received.body(), key.get());
        if (result instanceof Verification.Rejected r && r.reason() == Verification.Reason.BAD_SIGNATURE) {
            Optional<ResolvedKey> fresh = actors.refreshKey(claim.keyId());
            if (fresh.isPresent()) {
                result = verifier.verify(claim, received.request(), received.body(), fresh.get());
            }
        }
        return switch (result) {
            case Verification.Verified verified -> Step.pass(new Verified(parsed, verified));
            case Verification.Rejected rejected -> Step.stop(refusal(rejected));
        };
    }

    private boolean isOwnAuthority(String host) {
        java.net.URI own = origin.get();
        String authority = own.getRawAuthority().toLowerCase(Locale.ROOT);
        String given = host.strip().toLowerCase(Locale.ROOT);
        int defaultPort = "https".equalsIgnoreCase(own.getScheme()) ? 443 : 80;
        return given.equals(authority) || (own.getPort() == -1 && given.equals(authority + ":" + defaultPort));
    }

    private static Optional<java.net.URI> keyServer(String keyId) {
        try {
            java.net.URI uri = java.net.URI.create(keyId);
            return uri.getHost() == null ? Optional.empty() : Optional.of(uri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Problem refusal(Verification.Rejected rejected) {
        return Problem.unauthorized(rejected.reason().name().toLowerCase(Locale.ROOT), rejected.detail());
    }
}
