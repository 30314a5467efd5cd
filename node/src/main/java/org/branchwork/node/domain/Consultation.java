package org.branchwork.node.domain;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A question put to the branch's members: its text (Markdown), the options, how ballots are marked
 * and counted, whether results are live (advisory) or hidden until the close (binding), when it
 * opens and closes, and who may vote (members confirmed and joined before {@code electorateCutoff},
 * frozen at the opening). What the count kept after the close ({@link Certificate}) is on it too.
 *
 * @param quorum      the share of the electorate that must vote for the result to stand, or null
 * @param electorate  how many members could vote, once frozen at the opening; null before
 * @param certificate what was certified at the close; null until then
 */
public record Consultation(
        ConsultationId id,
        String title,
        String markdown,
        List<String> options,
        VotingMethod method,
        Kind kind,
        Instant opensAt,
        Instant closesAt,
        Instant electorateCutoff,
        Double quorum,
        MemberId createdBy,
        Instant createdAt,
        Integer electorate,
        Certificate certificate) {

    public Consultation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(markdown, "markdown");
        options = List.copyOf(options);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(opensAt, "opensAt");
        Objects.requireNonNull(closesAt, "closesAt");
        Objects.requireNonNull(electorateCutoff, "electorateCutoff");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Advisory results show while the vote is open; binding ones only once it has closed. */
    public enum Kind {
        ADVISORY,
        BINDING;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** Where a consultation is, read off the clock: before its opening, open, or past its close. */
    public enum State {
        SCHEDULED,
        OPEN,
        CLOSED;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What the close fixed: how many ballots there were, the hash over their receipts, and when
     * the individual ballots were deleted (the counts per ranking are kept and are the result).
     */
    public record Certificate(Instant certifiedAt, long ballots, String receiptsHash, Instant ballotsDeletedAt) {}

    public State state(Instant now) {
        if (now.isBefore(opensAt)) {
            return State.SCHEDULED;
        }
        return now.isBefore(closesAt) ? State.OPEN : State.CLOSED;
    }

    /** Whether results may be shown at {@code now}: advisory always, binding once closed. */
    public boolean resultsVisible(Instant now) {
        return kind == Kind.ADVISORY || state(now) == State.CLOSED;
    }
}
