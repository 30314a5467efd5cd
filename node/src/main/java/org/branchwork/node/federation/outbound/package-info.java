/**
 * Write side of federation: {@link org.branchwork.node.federation.outbound.OutboundPublisher}
 * queues activities in the caller's transaction, {@link org.branchwork.node.federation.outbound.DeliveryWorker}
 * delivers them through {@link org.branchwork.node.federation.outbound.InboxClient} with retries
 * on the {@link org.branchwork.node.federation.outbound.RetrySchedule}.
 */
package org.branchwork.node.federation.outbound;
