package org.branchwork.node.web.view;

import java.util.List;

/**
 * An event's door list for organisers: everyone on it (filtered by {@code q}), ticked or not,
 * members not on it who match {@code q}, and the walk-in form. {@code over} once the event has
 * ended, when each row says attended or no-show.
 */
public record CheckInView(
        String title,
        String csrf,
        String uuid,
        String name,
        String when,
        String q,
        List<Row> rows,
        List<Match> notListed,
        int listed,
        int checkedIn,
        boolean over,
        String walkInName,
        String walkInEmail,
        String notice,
        String error) {

    /** One person on the list; {@code anchor} is the row's fragment, so a tick comes back to it. */
    public record Row(String rsvp, String name, String kind, String state, boolean checkedIn, String outcome) {
        public String anchor() {
            return "r-" + rsvp;
        }
    }

    /** A member found by the search who is not on the list: checked in as a walk-in. */
    public record Match(long id, String name, String email) {}

    public boolean searched() {
        return q != null && !q.isBlank();
    }
}
