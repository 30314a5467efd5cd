/**
 * Write side of federation: {@link org.branchwork.node.federation.outbound.OutboundPublisher} turns
 * each {@code DomainChange} into its activity and queues it in the caller's transaction,
 * {@link org.branchwork.node.federation.outbound.DeliveryWorker} delivers them through
 * {@link org.branchwork.node.federation.outbound.InboxClient} with retries on the
 * {@link org.branchwork.node.federation.outbound.RetrySchedule}.
 */
package org.branchwork.node.federation.outbound;
