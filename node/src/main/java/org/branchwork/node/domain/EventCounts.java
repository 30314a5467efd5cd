package org.branchwork.node.domain;

/** How full an event is: accepted participants, and places left ({@code null} when unlimited). */
public record EventCounts(int participants, Integer remaining) {

    public static EventCounts of(BranchEvent e, int participants) {
        return new EventCounts(participants, e.capacity() == null ? null : Math.max(0, e.capacity() - participants));
    }

    public boolean full() {
        return remaining != null && remaining == 0;
    }
}
