/**
 * HTTP signatures and keys: {@link org.branchwork.protocol.sig.HttpSignatureSigner} and
 * {@link org.branchwork.protocol.sig.HttpSignatureVerifier} (draft-cavage-12 and RFC 9421),
 * {@link org.branchwork.protocol.sig.Verification}, {@link org.branchwork.protocol.sig.Digests},
 * {@link org.branchwork.protocol.sig.KeyPairs}, {@link org.branchwork.protocol.sig.Pem} and
 * {@link org.branchwork.protocol.sig.Multikey}. Depends on the JDK and Bouncy Castle only.
 */
package org.branchwork.protocol.sig;
