package org.branchwork.protocol.sig;

import java.time.Duration;

/**
 * What a verifier demands beyond a mathematically valid signature. The defaults follow Mastodon:
 * one hour of clock skew, a signature valid five minutes after its creation when it names no
 * expiry, never longer than twelve hours, and the body digest covered on requests with a body.
 *
 * @param clockSkew           tolerance for clocks that disagree, in both directions
 * @param defaultValidity     how long a signature without {@code expires} is valid after creation
 * @param maxValidity         the longest {@code expires - created} accepted
 * @param requireDigest       whether requests with a body must cover {@code digest} / {@code content-digest}
 * @param requireTarget       whether requests with a body must cover their target ({@code (request-target)},
 *                            {@code @target-uri}, {@code @request-target} or {@code @path})
 * @param minimumRsaBits      the smallest RSA modulus accepted
 * @param maxHeaderLength     longer signature headers are refused unparsed
 */
public record SignaturePolicy(
        Duration clockSkew,
        Duration defaultValidity,
        Duration maxValidity,
        boolean requireDigest,
        boolean requireTarget,
        int minimumRsaBits,
        int maxHeaderLength) {

    public static SignaturePolicy defaults() {
        return new SignaturePolicy(
                Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(12), true, true, 2048, 8192);
    }

    /**
     * The same policy without the digest and target rules (the published draft-cavage and RFC 9421
     * examples predate them: some cover only {@code date}).
     */
    public SignaturePolicy withoutDigestRequirement() {
        return new SignaturePolicy(
                clockSkew, defaultValidity, maxValidity, false, false, minimumRsaBits, maxHeaderLength);
    }

    /** The same policy accepting RSA keys from {@code bits} up (the draft-cavage example key has 1024). */
    public SignaturePolicy withMinimumRsaBits(int bits) {
        return new SignaturePolicy(
                clockSkew, defaultValidity, maxValidity, requireDigest, requireTarget, bits, maxHeaderLength);
    }
}
