package org.branchwork.protocol.vocab;

/**
 * An ActivityStreams {@code Link}. Mobilizon marks an event's online address as a {@code Link}
 * attachment whose {@code name} is exactly {@code "Website"}.
 */
public record Link(java.net.URI href, String rel, String mediaType, String name) {}
