package org.branchwork.node.web.view;

/** An event a member was checked in at, on their record and on {@code /me}. */
public record AttendedEvent(String name, String when, String href) {}
