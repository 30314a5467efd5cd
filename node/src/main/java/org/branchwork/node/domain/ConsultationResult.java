package org.branchwork.node.domain;

import java.util.List;

/**
 * The outcome of a count. Plurality and approval give totals and the leading option(s); STV also
 * the quota and every stage. Option indexes throughout; votes in STV stages are in units of
 * 0.00001 ({@link ConsultationCount#UNIT}), exact, as the rules truncate to five decimal places.
 */
public sealed interface ConsultationResult {

    /** Ballots counted. */
    long ballots();

    /** Per option: ballots naming it (single), approvals (approval), first preferences (ranked). */
    List<Long> totals();

    /** The options chosen, in the order they were; for plurality and approval several mean a tie. */
    List<Integer> winners();

    /** Single choice and approval. */
    record Plurality(long ballots, List<Long> totals, List<Integer> winners) implements ConsultationResult {
        public Plurality {
            totals = List.copyOf(totals);
            winners = List.copyOf(winners);
        }

        public boolean tied() {
            return winners.size() > 1;
        }
    }

    /** STV (one seat: instant runoff) with the quota and its stages. */
    record Transferable(
            long ballots, List<Long> totals, int seats, long quota, List<StvRound> rounds, List<Integer> winners)
            implements ConsultationResult {
        public Transferable {
            totals = List.copyOf(totals);
            rounds = List.copyOf(rounds);
            winners = List.copyOf(winners);
        }

        /** Seats no one filled (fewer candidates than seats). */
        public int unfilled() {
            return seats - winners.size();
        }
    }

    /**
     * One stage of an STV count, as a result sheet shows it.
     *
     * @param candidate       whose surplus was transferred or who was excluded; -1 for the first stage
     * @param transferValue   for a surplus, the value a first-preference paper went on with (units); else 0
     * @param votes           every option's votes at the end of the stage (units)
     * @param nonTransferable the value of papers with no next preference so far (units), in total
     * @param lostToFractions what truncation to five places has lost so far (units), in total
     * @param elected         who reached the quota at this stage or were deemed elected (rule 52)
     */
    record StvRound(
            int stage,
            Action action,
            int candidate,
            long transferValue,
            TieBreak tieBreak,
            List<Long> votes,
            long nonTransferable,
            long lostToFractions,
            List<Integer> elected) {
        public StvRound {
            votes = List.copyOf(votes);
            elected = List.copyOf(elected);
        }
    }

    /** What a stage did. */
    enum Action {
        FIRST_PREFERENCES,
        SURPLUS,
        EXCLUSION,
        /** Rule 52: as many continuing candidates as vacancies, all deemed elected. */
        LAST_VACANCIES
    }

    /** How a tie between surpluses or lowest candidates was settled, if there was one. */
    enum TieBreak {
        NONE,
        /** Rules 49(2), 51(2)(a): the most recent preceding stage at which they differed. */
        EARLIER_STAGE,
        /** Rules 49(3), 51(2)(b): equal at every stage, decided by lot ({@link Lot}). */
        LOT
    }
}
