package org.branchwork.node.domain;

/** One problem found in an imported file: its line (1 is the header), the column, and why. */
public record ImportProblem(int line, String column, String reason) {}
