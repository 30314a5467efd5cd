package org.branchwork.node.domain;

/** The database id of a local member; never published. */
public record MemberId(long value) {}
