package org.branchwork.protocol.sig;

import java.security.PrivateKey;
import java.util.Objects;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A private key and the id under which its public half is published ({@code publicKey.id} for
 * RSA, an {@code assertionMethod} id for Ed25519). Create one per key and reuse it: for Ed25519 it
 * keeps the expanded key, which would otherwise be derived again (about 50 µs) for every signature.
 */
public final class SigningKey {

    private final String keyId;
    private final PrivateKey privateKey;
    private final KeyType type;
    private volatile Ed25519PrivateKeyParameters ed25519;

    public SigningKey(String keyId, PrivateKey privateKey) {
        this.keyId = Objects.requireNonNull(keyId, "keyId");
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.type = KeyType.of(privateKey);
    }

    public String keyId() {
        return keyId;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public KeyType type() {
        return type;
    }

    /** Signs {@code data} with this key. */
    public byte[] sign(byte[] data) {
        if (type == KeyType.RSA) {
            return Signatures.sign(privateKey, data);
        }
        Ed25519PrivateKeyParameters params = ed25519;
        if (params == null) {
            params = new Ed25519PrivateKeyParameters(KeyPairs.rawEd25519(privateKey), 0);
            params.generatePublicKey(); // computed once here and cached by Bouncy Castle
            ed25519 = params;
        }
        return Signatures.ed25519Sign(params, data);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyId + ", " + type + "]";
    }
}
