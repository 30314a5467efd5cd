package org.branchwork.node.web.view;

/** The confirmation step before an event is deleted. */
public record EventDeleteView(String title, String csrf, String uuid, String name, String when) {}
