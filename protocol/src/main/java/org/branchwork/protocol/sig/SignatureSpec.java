package org.branchwork.protocol.sig;

/** Which HTTP signature specification a signature follows. */
public enum SignatureSpec {
    /** draft-cavage-http-signatures-12: the {@code Signature} header Mastodon has sent since 2017. */
    CAVAGE,
    /** RFC 9421 HTTP Message Signatures: {@code Signature-Input} and {@code Signature}. */
    RFC9421
}
