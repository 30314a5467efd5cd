/**
 * This node's own side of federation: its actors and their keys ({@code LocalActors}), the proofs
 * it puts on what it sends and serves ({@code LocalObjectSigner}), and content negotiation for its
 * documents ({@code ActivityJson}).
 */
package org.branchwork.node.federation.local;
