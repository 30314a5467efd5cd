package org.branchwork.protocol.vocab;

import java.net.URI;

/** An actor's {@code publicKey}: the RSA key for HTTP signatures, as Mastodon publishes it. */
public record PublicKeyInfo(URI id, URI owner, String publicKeyPem) {}
