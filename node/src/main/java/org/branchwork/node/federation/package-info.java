/**
 * Federation. The top level is its public face, the only part pages and the API may call
 * ({@link org.branchwork.node.federation.FollowService} (both directions, and follow requests waiting for an admin),
 * {@link org.branchwork.node.federation.DeliveryQueueService}, {@link org.branchwork.node.federation.InboxDeadLetters},
 * {@link org.branchwork.node.federation.FediverseDirectory}); the sub-packages are its insides: {@code inbound}
 * (the inbox pipeline and handlers), {@code outbound} (the delivery queue), {@code mapping} (every
 * ActivityStreams conversion), {@code local} (our actors, keys and proofs), {@code resolve} (remote
 * fetches) and {@code wellknown} (what we serve). Has no access to member storage.
 */
package org.branchwork.node.federation;
