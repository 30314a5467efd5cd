/**
 * Inbound handlers, one class per family ({@code FollowHandlers}, {@code ContentHandlers},
 * {@code RsvpHandlers}, {@code CampaignHandlers}), and the route table that says which takes what
 * ({@code InboundRoutes}, with {@code ObjectKinds}).
 */
package org.branchwork.node.federation.inbound.handlers;
