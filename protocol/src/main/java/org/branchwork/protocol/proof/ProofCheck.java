package org.branchwork.protocol.proof;

/** The state of an object's integrity proof. */
public sealed interface ProofCheck {

    /** The proof is well-formed; verify it with the key {@code verificationMethod} names. */
    record Pending(String verificationMethod) implements ProofCheck {}

    /** The proof verifies with the key of {@code verificationMethod}. */
    record Valid(String verificationMethod) implements ProofCheck {}

    /** The proof is absent, unsupported or wrong; {@code reason} says which. */
    record Invalid(String reason) implements ProofCheck {}
}
