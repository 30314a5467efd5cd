package org.branchwork.protocol.sig;

import java.util.Optional;

/** Finds the public key for a signature's {@code keyId}: from a cache, a database or a fetch. */
@FunctionalInterface
public interface KeyResolver {
    Optional<ResolvedKey> resolve(String keyId);
}
