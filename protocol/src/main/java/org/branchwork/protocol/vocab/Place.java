package org.branchwork.protocol.vocab;

/**
 * A {@code Place}. Mobilizon sends {@code latitude} and {@code longitude} as numbers (its docs
 * swap them; its code does not) and a structured {@link PostalAddress}; others send a string
 * address, kept as {@code address.streetAddress}.
 */
public record Place(ObjectCore core, Double latitude, Double longitude, PostalAddress address) implements AsObject {}
