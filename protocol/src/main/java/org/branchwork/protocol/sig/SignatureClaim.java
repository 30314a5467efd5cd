package org.branchwork.protocol.sig;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, not yet verified, HTTP signature: what it claims to cover and which key it names.
 *
 * @param spec        the specification it follows
 * @param keyId       the key it names
 * @param algorithm   the declared algorithm ({@code rsa-sha256}, {@code hs2019}, {@code rsa-v1_5-sha256},
 *                    {@code ed25519}), or null when none was declared
 * @param covered     covered components in signed order (lower-case header names, or derived
 *                    components such as {@code (request-target)} and {@code @method})
 * @param signingBase the exact text that was signed
 * @param signature   the signature bytes
 * @param created     the signature's creation time, or null
 * @param expires     the signature's expiry, or null
 */
public record SignatureClaim(
        SignatureSpec spec,
        String keyId,
        String algorithm,
        List<String> covered,
        String signingBase,
        byte[] signature,
        Instant created,
        Instant expires) {

    public SignatureClaim {
        covered = List.copyOf(covered);
    }

    public Optional<Instant> createdAt() {
        return Optional.ofNullable(created);
    }

    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expires);
    }
}
