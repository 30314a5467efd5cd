package org.branchwork.protocol.vocab;

import java.net.URI;

/** An {@code assertionMethod} entry of type {@code Multikey} (FEP-521a): the Ed25519 key for object proofs. */
public record MultikeyInfo(URI id, URI controller, String publicKeyMultibase) {}
