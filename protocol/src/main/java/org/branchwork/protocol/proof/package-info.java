/**
 * FEP-8b32 object integrity proofs: {@link org.branchwork.protocol.proof.DataIntegrityProofs} with
 * the {@code eddsa-jcs-2022} cryptosuite, and {@link org.branchwork.protocol.proof.Jcs} (RFC 8785).
 * Depends on {@code sig} for keys and primitives, and on Jackson's tree model.
 */
package org.branchwork.protocol.proof;
