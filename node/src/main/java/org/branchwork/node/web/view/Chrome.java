package org.branchwork.node.web.view;

/** What every page's layout shows around its content: the branch name and the navigation. */
public record Chrome(String siteName, Nav nav) {}
