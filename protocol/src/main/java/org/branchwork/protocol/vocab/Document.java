package org.branchwork.protocol.vocab;

/**
 * A {@code Document}, {@code Image}, {@code Audio} or {@code Video} attachment; which one is
 * {@link #type()}. Mobilizon names an event banner {@code "Banner"}.
 */
public record Document(ObjectCore core) implements AsObject {}
