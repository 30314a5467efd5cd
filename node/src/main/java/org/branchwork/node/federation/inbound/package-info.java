/**
 * Inbound federation: {@link org.branchwork.node.federation.inbound.InboxEndpoint} →
 * {@link org.branchwork.node.federation.inbound.InboxPipeline} (typed stages: {@code Received} →
 * {@code Parsed} → {@code Verified}) → stored → 202 → {@link org.branchwork.node.federation.inbound.InboxProcessor} →
 * {@link org.branchwork.node.federation.inbound.HandlerRegistry} (by activity type and
 * {@link org.branchwork.node.federation.inbound.ObjectKind}) → {@code handlers/}, whose
 * {@link org.branchwork.node.federation.inbound.Outcome} is filed by kind.
 */
package org.branchwork.node.federation.inbound;
