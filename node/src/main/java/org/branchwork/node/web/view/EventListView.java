package org.branchwork.node.web.view;

import java.util.List;

/** A list of events or announcements, as on the home page and {@code /events}. */
public record EventListView(
        String title,
        String csrf,
        List<Item> events,
        List<Item> announcements,
        boolean organiser,
        String handle,
        boolean setupPending,
        String nextPage) {

    /** One entry: a link, a heading, a line of detail, and sanitised HTML when shown in full. */
    public record Item(String href, String heading, String detail, String html, boolean cancelled) {}
}
