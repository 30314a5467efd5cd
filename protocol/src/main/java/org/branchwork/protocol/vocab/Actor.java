package org.branchwork.protocol.vocab;

import java.net.URI;
import java.util.List;

/**
 * An actor: {@code Person}, {@code Group}, {@code Application}, {@code Service} or {@code Organization}.
 *
 * @param kind                      which of the five
 * @param preferredUsername         the handle's user part
 * @param inbox                     required by ActivityPub; null only in malformed documents
 * @param publicKeys                RSA keys for HTTP signatures
 * @param assertionMethods          Multikey (Ed25519) keys for object proofs
 * @param manuallyApprovesFollowers whether follows wait for approval
 */
public record Actor(
        ObjectCore core,
        ActorType kind,
        String preferredUsername,
        URI inbox,
        URI outbox,
        URI followers,
        URI following,
        URI featured,
        Endpoints endpoints,
        List<PublicKeyInfo> publicKeys,
        List<MultikeyInfo> assertionMethods,
        boolean manuallyApprovesFollowers,
        Boolean discoverable)
        implements AsObject {

    public Actor {
        endpoints = endpoints == null ? Endpoints.NONE : endpoints;
        publicKeys = List.copyOf(publicKeys);
        assertionMethods = List.copyOf(assertionMethods);
    }
}
