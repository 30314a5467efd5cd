package org.branchwork.node.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a count reads: each distinct ranking (option indexes, most preferred first; for single
 * choice one index, for approval the approved ones in ascending order) with how many ballots gave
 * it. This is what a branch's tally will carry to the owner (phase 2), so a count costs the number
 * of distinct rankings, not the number of ballots.
 */
public record Tally(int options, List<Line> lines) {

    /** One distinct ranking and its ballots. */
    public record Line(List<Integer> ranking, long ballots) {
        public Line {
            ranking = List.copyOf(ranking);
            if (ranking.isEmpty()) {
                throw new IllegalArgumentException("a ranking names at least one option");
            }
            if (ballots < 0) {
                throw new IllegalArgumentException("a count is never negative");
            }
        }
    }

    public Tally {
        lines = List.copyOf(lines);
        for (Line l : lines) {
            Set<Integer> seen = new HashSet<>();
            for (int o : l.ranking()) {
                if (o < 0 || o >= options || !seen.add(o)) {
                    throw new IllegalArgumentException("ranking " + l.ranking() + " for " + options + " options");
                }
            }
        }
    }

    public long ballots() {
        return lines.stream().mapToLong(Line::ballots).sum();
    }

    /** The stored form of a ranking: indexes joined by commas, e.g. {@code 2,0,1}. */
    public static String encode(List<Integer> ranking) {
        StringBuilder out = new StringBuilder();
        for (int o : ranking) {
            out.append(out.isEmpty() ? "" : ",").append(o);
        }
        return out.toString();
    }

    public static List<Integer> decode(String stored) {
        List<Integer> out = new ArrayList<>();
        Arrays.stream(stored.split(",")).forEach(s -> out.add(Integer.parseInt(s)));
        return out;
    }
}
