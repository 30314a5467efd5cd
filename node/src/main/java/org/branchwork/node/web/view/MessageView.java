package org.branchwork.node.web.view;

/** A page that only says something: not found, an error, a confirmation. */
public record MessageView(String title, String siteName, String heading, String message) {}
