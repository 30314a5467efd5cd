package org.branchwork.node.web.view;

/** The step before an organiser erases a member. */
public record MemberEraseView(String title, String csrf, long id, String name, String error) {}
