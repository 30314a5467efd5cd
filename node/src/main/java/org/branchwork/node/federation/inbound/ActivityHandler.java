package org.branchwork.node.federation.inbound;

import org.branchwork.protocol.vocab.Activity;

/** Handles one kind of verified, stored activity; returns what happened, for the inbox record. */
@FunctionalInterface
public interface ActivityHandler {
    String handle(Activity activity);
}
