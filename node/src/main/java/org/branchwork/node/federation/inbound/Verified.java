package org.branchwork.node.federation.inbound;

import org.branchwork.protocol.sig.Verification;

/** A parsed activity whose HTTP signature verified with its signer's key. */
record Verified(Parsed parsed, Verification.Verified signature) {}
