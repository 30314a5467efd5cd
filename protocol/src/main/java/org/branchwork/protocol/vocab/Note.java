package org.branchwork.protocol.vocab;

/** A {@code Note}: a short post. Branchwork sends announcements without a title as notes. */
public record Note(ObjectCore core) implements AsObject {}
