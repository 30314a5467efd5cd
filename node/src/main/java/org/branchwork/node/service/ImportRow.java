package org.branchwork.node.service;

import java.util.Set;

import org.branchwork.node.domain.MemberDetails;

/** One validated row of a supporter-list import: its line in the file, the member and their tags. */
public record ImportRow(int line, MemberDetails details, Set<String> tags) {
}
