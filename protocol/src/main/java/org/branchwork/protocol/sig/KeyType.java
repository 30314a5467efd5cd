package org.branchwork.protocol.sig;

import java.security.Key;

/** The two key types the fediverse signs with. */
public enum KeyType {
    /** RSA, used for HTTP signatures by every major implementation. */
    RSA,
    /** Ed25519, used for object proofs (FEP-8b32) and RFC 9421 {@code ed25519}. */
    ED25519;

    /** The type of a JDK key, or throws {@link IllegalArgumentException} for anything else. */
    public static KeyType of(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> RSA;
            case "Ed25519", "EdDSA" -> ED25519;
            default -> throw new IllegalArgumentException("unsupported key algorithm " + key.getAlgorithm());
        };
    }
}
