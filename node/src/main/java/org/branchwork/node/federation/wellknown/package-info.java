/**
 * Read side of federation: WebFinger, host-meta, NodeInfo, the extension context, and the actor
 * and collection documents (with content negotiation). Depends on {@code federation},
 * {@code mapping} and the protocol library.
 */
package org.branchwork.node.federation.wellknown;
