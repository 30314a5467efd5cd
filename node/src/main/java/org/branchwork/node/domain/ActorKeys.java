package org.branchwork.node.domain;

import java.security.PublicKey;
import java.util.Objects;

import org.branchwork.protocol.sig.SigningKey;

/**
 * The key pairs of one of the node's actors: RSA for HTTP signatures, Ed25519 for object proofs.
 * The signing keys carry the ids under which the public halves are published.
 */
public record ActorKeys(SigningKey rsa, PublicKey rsaPublic, SigningKey ed25519, PublicKey ed25519Public) {
    public ActorKeys {
        Objects.requireNonNull(rsa, "rsa");
        Objects.requireNonNull(rsaPublic, "rsaPublic");
        Objects.requireNonNull(ed25519, "ed25519");
        Objects.requireNonNull(ed25519Public, "ed25519Public");
    }
}
