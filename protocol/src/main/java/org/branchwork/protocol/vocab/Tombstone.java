package org.branchwork.protocol.vocab;

import java.time.Instant;

/** A {@code Tombstone}: what a deleted object's IRI serves. */
public record Tombstone(ObjectCore core, String formerType, Instant deleted) implements AsObject {}
