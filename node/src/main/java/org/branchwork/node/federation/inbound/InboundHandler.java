package org.branchwork.node.federation.inbound;

/** Handles one kind of verified, stored activity; returns what happened, for the inbox record. */
@FunctionalInterface
public interface InboundHandler {
    Outcome handle(Inbound inbound);
}
