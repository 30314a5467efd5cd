/** Inbound handlers, one per activity kind or family (e.g. {@code FollowHandlers}). */
package org.branchwork.node.federation.inbound.handlers;
