package org.branchwork.protocol.sig;

import java.net.URI;
import java.security.PublicKey;
import java.util.Objects;

/**
 * A public key found for a signature's {@code keyId}, with the actor that owns it (the
 * {@code publicKey.owner} or {@code controller} of the published key document).
 */
public record ResolvedKey(String keyId, URI owner, PublicKey publicKey) {
    public ResolvedKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
