package org.branchwork.node.federation.inbound;

import java.net.URI;

import org.branchwork.node.federation.mapping.EmbeddedCopy;
import org.branchwork.protocol.vocab.Activity;

/**
 * A verified, stored activity as its handler gets it: read into the vocabulary, its object's kind
 * resolved, and its object as received (for an owner's proof, and for the project's extension
 * terms, which the mapping reads into typed records).
 */
public record Inbound(Activity activity, ObjectKind kind, EmbeddedCopy object) {

    /** The signer: the pipeline has checked that the signature's key belongs to this actor. */
    public URI actor() {
        return activity.actor().id().orElseThrow();
    }
}
