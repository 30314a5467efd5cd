/**
 * Read side of federation: WebFinger, host-meta, NodeInfo, the extension context, and the actor,
 * collection and object documents (with content negotiation). Depends on {@code local},
 * {@code mapping}, service, storage, http and the protocol library.
 */
package org.branchwork.node.federation.wellknown;
