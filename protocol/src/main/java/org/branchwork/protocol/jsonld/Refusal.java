package org.branchwork.protocol.jsonld;

/** Thrown inside the reader when a document cannot be taken; becomes {@link Decoded.Refused}. */
final class Refusal extends RuntimeException {
    Refusal(String reason) {
        super(reason, null, false, false);
    }
}
