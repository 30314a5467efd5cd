package org.branchwork.node.web.view;

import java.util.List;

/**
 * One event's public page. {@code html} is sanitised (see HtmlContent); {@code onlineUrl} is set
 * only for people whose RSVP is accepted, and organisers.
 */
public record EventView(
        String title,
        String csrf,
        String uuid,
        String name,
        String when,
        String zone,
        String where,
        String html,
        boolean cancelled,
        String cancelReason,
        String category,
        String places,
        int participants,
        boolean signedIn,
        String rsvpState,
        boolean waitlisted,
        boolean canRsvp,
        boolean full,
        String onlineUrl,
        boolean online,
        boolean organiser,
        List<AttendeeRow> attendees,
        String notice,
        String error) {

    /** A row of the attendee list. */
    public record AttendeeRow(String id, String name, String kind, String state, boolean pending, boolean waiting) {}
}
