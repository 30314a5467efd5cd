/**
 * Inbound federation: {@link org.branchwork.node.federation.inbound.InboxEndpoint} →
 * {@link org.branchwork.node.federation.inbound.InboxPipeline} (one {@code *Stage} per check) →
 * stored → 202 → {@link org.branchwork.node.federation.inbound.InboxProcessor} →
 * {@link org.branchwork.node.federation.inbound.ActivityDispatcher} → {@code handlers/}.
 */
package org.branchwork.node.federation.inbound;
