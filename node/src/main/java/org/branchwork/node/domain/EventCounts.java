package org.branchwork.node.domain;

/**
 * How full an event is: accepted participants, places left ({@code null} when unlimited), and how
 * many wait on its waiting list for a place to come free.
 */
public record EventCounts(int participants, Integer remaining, int waiting) {

    /** Counts with nobody waiting. */
    public EventCounts(int participants, Integer remaining) {
        this(participants, remaining, 0);
    }

    public static EventCounts of(BranchEvent e, int participants) {
        return of(e, participants, 0);
    }

    public static EventCounts of(BranchEvent e, int participants, int waiting) {
        return new EventCounts(
                participants, e.capacity() == null ? null : Math.max(0, e.capacity() - participants), waiting);
    }

    public boolean full() {
        return remaining != null && remaining == 0;
    }
}
