package org.branchwork.node.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.branchwork.node.domain.ConsultationResult.Action;
import org.branchwork.node.domain.ConsultationResult.StvRound;
import org.branchwork.node.domain.ConsultationResult.TieBreak;

/**
 * Counting a consultation from its {@link Tally}: plurality for single choice, approval totals,
 * and STV by the Scottish Local Government Elections Order 2007 (SSI 2007/42, schedule 1, rules
 * 45 to 52) for ranked ballots:
 * <ul>
 *   <li>quota (rule 46): valid ballots divided by seats + 1, decimals ignored, plus one;
 *   <li>elected (47) on reaching the quota; the largest surplus is transferred first, one per stage
 *       (49), ties settled by the most recent preceding stage at which the tied differed, else by lot;
 *   <li>a surplus (48) moves <em>every</em> paper the candidate holds (the weighted inclusive Gregory
 *       method the rules describe), each at {@code surplus × its value ÷ the candidate's votes},
 *       truncated to five decimal places; the candidate keeps the quota;
 *   <li>with no surplus left, the lowest candidate is excluded (50), their papers moving at the
 *       values they came with; ties as for surpluses but the lowest goes (51);
 *   <li>when as many continuing candidates remain as vacancies, they are elected (52).
 * </ul>
 * Values are whole numbers of {@link #UNIT}s (0.00001 of a vote), so the count is exact and
 * repeatable; papers are held as bundles of identical rankings, so 100,000 ballots with a few
 * hundred distinct rankings count in microseconds.
 */
public final class ConsultationCount {

    /** One vote, in the units counts are kept in: five decimal places. */
    public static final long UNIT = 100_000L;

    private ConsultationCount() {}

    public static ConsultationResult count(VotingMethod method, Tally tally, Lot lot) {
        return switch (method) {
            case VotingMethod.Single s -> plurality(tally, true);
            case VotingMethod.Approval a -> plurality(tally, false);
            case VotingMethod.Ranked r -> new Stv(tally, r.seats(), lot).run();
        };
    }

    /** Units as a decimal with five places, e.g. {@code 12.80000}. */
    public static String shown(long units) {
        return BigDecimal.valueOf(units, 5).toPlainString();
    }

    private static ConsultationResult.Plurality plurality(Tally tally, boolean firstOnly) {
        long[] totals = new long[tally.options()];
        for (Tally.Line l : tally.lines()) {
            for (int o : firstOnly ? l.ranking().subList(0, 1) : l.ranking()) {
                totals[o] += l.ballots();
            }
        }
        long max = Arrays.stream(totals).max().orElse(0);
        List<Integer> leaders = new ArrayList<>();
        for (int o = 0; o < totals.length && max > 0; o++) {
            if (totals[o] == max) {
                leaders.add(o);
            }
        }
        return new ConsultationResult.Plurality(tally.ballots(), boxed(totals), leaders);
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    /** Papers with the same ranking, at the same position in it and with the same value. */
    private record Bundle(List<Integer> ranking, int position, long ballots, long value) {}

    /** One STV count: mutable state for its length, then a result. */
    private static final class Stv {
        private static final int CONTINUING = 0;
        private static final int ELECTED = 1;
        private static final int EXCLUDED = 2;

        private final int n;
        private final int seats;
        private final Lot lot;
        private final long ballots;
        private final long quota;
        private final List<List<Bundle>> piles = new ArrayList<>();
        private final long[] votes;
        private final int[] status;
        private final boolean[] surplusDone;
        private final List<long[]> history = new ArrayList<>();
        private final List<StvRound> rounds = new ArrayList<>();
        private final List<Integer> winners = new ArrayList<>();
        private final long[] firstPreferences;
        private long nonTransferable;
        private long lost;

        Stv(Tally tally, int seats, Lot lot) {
            this.n = tally.options();
            this.seats = seats;
            this.lot = lot;
            this.votes = new long[n];
            this.status = new int[n];
            this.surplusDone = new boolean[n];
            for (int i = 0; i < n; i++) {
                piles.add(new ArrayList<>());
            }
            this.ballots = tally.ballots();
            this.quota = (ballots / (seats + 1) + 1) * UNIT;
            for (Tally.Line l : tally.lines()) {
                if (l.ballots() > 0) {
                    give(l.ranking().get(0), new Bundle(l.ranking(), 0, l.ballots(), UNIT));
                }
            }
            this.firstPreferences = Arrays.stream(votes).map(v -> v / UNIT).toArray();
        }

        ConsultationResult.Transferable run() {
            record(Action.FIRST_PREFERENCES, -1, 0, TieBreak.NONE);
            while (true) {
                electReachingQuota();
                int vacancies = seats - winners.size();
                if (vacancies <= 0) {
                    break;
                }
                List<Integer> continuing = with(CONTINUING);
                if (continuing.size() <= vacancies) {
                    // Rule 52: the last vacancies are filled without further transfers.
                    winners.addAll(byVotesDescending(continuing));
                    continuing.forEach(c -> status[c] = ELECTED);
                    rounds.add(round(Action.LAST_VACANCIES, -1, 0, TieBreak.NONE, byVotesDescending(continuing)));
                    break;
                }
                List<Integer> surpluses = new ArrayList<>();
                for (int c : with(ELECTED)) {
                    if (!surplusDone[c] && votes[c] > quota) {
                        surpluses.add(c);
                    }
                }
                if (!surpluses.isEmpty()) {
                    Pick p = pick(surpluses, true);
                    long tv = transferSurplus(p.candidate());
                    record(Action.SURPLUS, p.candidate(), tv, p.tieBreak());
                } else {
                    Pick p = pick(continuing, false);
                    exclude(p.candidate());
                    record(Action.EXCLUSION, p.candidate(), 0, p.tieBreak());
                }
            }
            return new ConsultationResult.Transferable(
                    ballots, boxed(firstPreferences), seats, quota / UNIT, rounds, winners);
        }

        /** Rule 47, at the end of a stage: marks who reached the quota on the stage just recorded. */
        private void electReachingQuota() {
            List<Integer> reached = new ArrayList<>();
            for (int c : with(CONTINUING)) {
                if (votes[c] >= quota) {
                    reached.add(c);
                }
            }
            if (reached.isEmpty()) {
                return;
            }
            List<Integer> ordered = byVotesDescending(reached);
            ordered.forEach(c -> {
                status[c] = ELECTED;
                surplusDone[c] = votes[c] == quota;
            });
            int room = seats - winners.size();
            winners.addAll(ordered.subList(0, Math.min(room, ordered.size())));
            StvRound last = rounds.removeLast();
            rounds.add(new StvRound(
                    last.stage(),
                    last.action(),
                    last.candidate(),
                    last.transferValue(),
                    last.tieBreak(),
                    last.votes(),
                    last.nonTransferable(),
                    last.lostToFractions(),
                    ordered));
        }

        /** Rule 48: every paper the candidate holds moves on at surplus × value ÷ votes, truncated. */
        private long transferSurplus(int from) {
            long surplus = votes[from] - quota;
            long total = votes[from];
            long moved = 0;
            long stranded = 0;
            for (Bundle b : piles.get(from)) {
                long value = Math.multiplyExact(surplus, b.value()) / total;
                int next = nextContinuing(b);
                long worth = Math.multiplyExact(value, b.ballots());
                if (next < 0) {
                    stranded += worth;
                } else if (value > 0) {
                    give(next, new Bundle(b.ranking(), position(b, next), b.ballots(), value));
                    moved += worth;
                }
            }
            piles.get(from).clear();
            votes[from] = quota;
            surplusDone[from] = true;
            nonTransferable += stranded;
            lost += surplus - moved - stranded;
            return Math.multiplyExact(surplus, UNIT) / total;
        }

        /** Rule 50: the excluded candidate's papers move at the values they came with. */
        private void exclude(int who) {
            status[who] = EXCLUDED;
            for (Bundle b : piles.get(who)) {
                int next = nextContinuing(b);
                if (next < 0) {
                    nonTransferable += b.ballots() * b.value();
                } else {
                    give(next, new Bundle(b.ranking(), position(b, next), b.ballots(), b.value()));
                }
            }
            piles.get(who).clear();
            votes[who] = 0;
        }

        private void give(int to, Bundle b) {
            piles.get(to).add(b);
            votes[to] += Math.multiplyExact(b.ballots(), b.value());
        }

        /** The next preference after the bundle's holder for a continuing candidate, or -1 (non-transferable). */
        private int nextContinuing(Bundle b) {
            for (int i = b.position() + 1; i < b.ranking().size(); i++) {
                if (status[b.ranking().get(i)] == CONTINUING) {
                    return b.ranking().get(i);
                }
            }
            return -1;
        }

        private static int position(Bundle b, int candidate) {
            return b.ranking().indexOf(candidate);
        }

        private record Pick(int candidate, TieBreak tieBreak) {}

        /**
         * The highest (surplus) or lowest (exclusion) of {@code among}; a tie is settled by the most
         * recent preceding stage at which the tied candidates' votes differed (narrowing to those
         * highest, or lowest, there and going further back while several remain), then by lot.
         */
        private Pick pick(List<Integer> among, boolean highest) {
            long best = highest ? Long.MIN_VALUE : Long.MAX_VALUE;
            for (int c : among) {
                best = highest ? Math.max(best, votes[c]) : Math.min(best, votes[c]);
            }
            List<Integer> tied = new ArrayList<>();
            for (int c : among) {
                if (votes[c] == best) {
                    tied.add(c);
                }
            }
            if (tied.size() == 1) {
                return new Pick(tied.get(0), TieBreak.NONE);
            }
            for (int s = history.size() - 2; s >= 0 && tied.size() > 1; s--) {
                long[] then = history.get(s);
                long edge = highest ? Long.MIN_VALUE : Long.MAX_VALUE;
                for (int c : tied) {
                    edge = highest ? Math.max(edge, then[c]) : Math.min(edge, then[c]);
                }
                List<Integer> narrowed = new ArrayList<>();
                for (int c : tied) {
                    if (then[c] == edge) {
                        narrowed.add(c);
                    }
                }
                if (narrowed.size() < tied.size()) {
                    tied = narrowed;
                    if (tied.size() == 1) {
                        return new Pick(tied.get(0), TieBreak.EARLIER_STAGE);
                    }
                }
            }
            return new Pick(lot.draw(List.copyOf(tied), rounds.size() + 1), TieBreak.LOT);
        }

        private List<Integer> with(int wanted) {
            List<Integer> out = new ArrayList<>();
            for (int c = 0; c < n; c++) {
                if (status[c] == wanted) {
                    out.add(c);
                }
            }
            return out;
        }

        private List<Integer> byVotesDescending(List<Integer> candidates) {
            return candidates.stream()
                    .sorted((a, b) -> a.equals(b) ? 0 : votes[a] != votes[b] ? Long.compare(votes[b], votes[a]) : a - b)
                    .toList();
        }

        private void record(Action action, int candidate, long transferValue, TieBreak tieBreak) {
            rounds.add(round(action, candidate, transferValue, tieBreak, List.of()));
            history.add(votes.clone());
        }

        private StvRound round(Action action, int candidate, long tv, TieBreak tieBreak, List<Integer> elected) {
            return new StvRound(
                    rounds.size() + 1, action, candidate, tv, tieBreak, boxed(votes), nonTransferable, lost, elected);
        }
    }
}
