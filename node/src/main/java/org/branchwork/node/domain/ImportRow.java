package org.branchwork.node.domain;

import java.util.Set;

/** One validated row of a supporter-list import: its line in the file, the member and their tags. */
public record ImportRow(int line, MemberDetails details, Set<String> tags) {}
