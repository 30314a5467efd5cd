package org.branchwork.node.web.view;

import java.util.List;

/** The member's feed page: their public profile, subscriptions, and what the followed branches published. */
public record FeedView(
        String title,
        String csrf,
        String handle,
        String profileName,
        List<String> subscriptions,
        List<Entry> entries,
        String notice,
        String error) {

    public boolean hasSubscriptions() {
        return !subscriptions.isEmpty();
    }

    /** A feed entry; {@code html} was sanitised before it was stored. */
    public record Entry(
            String from,
            String type,
            String name,
            String html,
            String when,
            String url,
            String iri,
            boolean event,
            String rsvpState,
            boolean canRsvp) {}
}
