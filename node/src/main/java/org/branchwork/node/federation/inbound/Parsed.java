package org.branchwork.node.federation.inbound;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.protocol.vocab.Activity;

/**
 * A received body read as an activity with an id and an actor. The document as parsed goes on to
 * the handler, which reads embedded proofs on it, so that nothing parses the body twice.
 */
record Parsed(Received received, JsonNode document, Activity activity) {}
