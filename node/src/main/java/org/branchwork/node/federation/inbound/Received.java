package org.branchwork.node.federation.inbound;

import org.branchwork.protocol.sig.SignableRequest;

/** An inbox POST as it came, before any check: the first stage's input. */
public record Received(SignableRequest request, byte[] body) {}
