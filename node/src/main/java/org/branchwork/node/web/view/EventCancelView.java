package org.branchwork.node.web.view;

/** The confirmation step before an event is cancelled, with the reason attendees are told. */
public record EventCancelView(
        String title, String csrf, String uuid, String name, String when, String reason, String error) {}
