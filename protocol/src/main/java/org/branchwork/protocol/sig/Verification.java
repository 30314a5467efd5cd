package org.branchwork.protocol.sig;

import java.net.URI;
import java.util.List;

/** The outcome of verifying an HTTP signature: who signed, or exactly why not. */
public sealed interface Verification {

    /** Whether the signature was accepted. */
    default boolean isVerified() {
        return this instanceof Verified;
    }

    /**
     * The signature is valid under the policy.
     *
     * @param keyId   the key that signed
     * @param owner   the actor owning that key
     * @param spec    the specification the signature follows
     * @param keyType the key's type
     * @param covered the covered components, in signed order
     */
    record Verified(String keyId, URI owner, SignatureSpec spec, KeyType keyType, List<String> covered)
            implements Verification {}

    /**
     * The signature was refused.
     *
     * @param reason what rule failed
     * @param detail a sentence for logs and problem responses; never contains key material
     */
    record Rejected(Reason reason, String detail) implements Verification {}

    /** Why a signature was refused; each is its own code in problem responses. */
    enum Reason {
        NO_SIGNATURE,
        MALFORMED_SIGNATURE,
        UNSUPPORTED_ALGORITHM,
        UNSUPPORTED_COMPONENT,
        COVERED_HEADER_MISSING,
        DATE_NOT_COVERED,
        DATE_MISSING,
        DATE_OUT_OF_WINDOW,
        VALIDITY_TOO_LONG,
        DIGEST_NOT_COVERED,
        TARGET_NOT_COVERED,
        DIGEST_MISSING,
        DIGEST_MISMATCH,
        UNKNOWN_KEY,
        KEY_TYPE_MISMATCH,
        KEY_TOO_WEAK,
        BAD_SIGNATURE
    }
}
