package org.branchwork.protocol.vocab;

/**
 * An object of a type the model has no record for ({@code Page}, {@code Video}, {@code ChatMessage},
 * ...). Its common properties are typed; the rest stay in {@link ObjectCore#extensions()}.
 */
public record UnknownObject(ObjectCore core) implements AsObject {}
