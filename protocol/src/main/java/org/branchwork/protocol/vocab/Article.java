package org.branchwork.protocol.vocab;

/** An {@code Article}: a post with a title ({@code name}); also the carrier of Branchwork campaigns. */
public record Article(ObjectCore core) implements AsObject {}
