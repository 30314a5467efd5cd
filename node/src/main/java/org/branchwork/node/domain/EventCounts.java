package org.branchwork.node.domain;

/**
 * How full an event is: accepted participants, places left ({@code null} when unlimited), how
 * many wait on its waiting list for a place to come free, and how many of the participants were
 * checked in at the door ({@code attended}; 0 when nobody was, or check-in was not used).
 */
public record EventCounts(int participants, Integer remaining, int waiting, int attended) {

    /** Counts with nobody waiting. */
    public EventCounts(int participants, Integer remaining) {
        this(participants, remaining, 0, 0);
    }

    /** Counts with nobody checked in. */
    public EventCounts(int participants, Integer remaining, int waiting) {
        this(participants, remaining, waiting, 0);
    }

    public static EventCounts of(BranchEvent e, int participants) {
        return of(e, participants, 0, 0);
    }

    public static EventCounts of(BranchEvent e, int participants, int waiting, int attended) {
        return new EventCounts(
                participants,
                e.capacity() == null ? null : Math.max(0, e.capacity() - participants),
                waiting,
                attended);
    }

    public boolean full() {
        return remaining != null && remaining == 0;
    }
}
