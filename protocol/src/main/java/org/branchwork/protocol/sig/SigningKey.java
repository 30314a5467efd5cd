package org.branchwork.protocol.sig;

import java.security.PrivateKey;
import java.util.Objects;

/**
 * A private key and the id under which its public half is published ({@code publicKey.id} for
 * RSA, an {@code assertionMethod} id for Ed25519).
 */
public record SigningKey(String keyId, PrivateKey privateKey) {
    public SigningKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(privateKey, "privateKey");
        KeyType.of(privateKey);
    }

    public KeyType type() {
        return KeyType.of(privateKey);
    }
}
