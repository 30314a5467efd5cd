package org.branchwork.node.federation.resolve;

import java.net.URI;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Optional;

/**
 * What the node keeps of a remote actor: where to deliver to, and its HTTP-signature key.
 *
 * @param sharedInbox the actor's server's shared inbox, or null
 * @param name        the public name it gives ({@code name}, else {@code preferredUsername}), or null
 * @param type        its type: {@code Person}, {@code Group}, {@code Application}, …
 */
public record RemoteActor(
        URI id,
        URI inbox,
        URI sharedInbox,
        String keyId,
        PublicKey publicKey,
        String name,
        String type,
        Instant fetchedAt) {

    /** The shared inbox when the peer offers one, else the actor's own inbox. */
    public URI deliveryInbox() {
        return Optional.ofNullable(sharedInbox).orElse(inbox);
    }
}
