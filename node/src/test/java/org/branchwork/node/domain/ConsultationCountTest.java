package org.branchwork.node.domain;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.branchwork.node.domain.ConsultationResult.Action;
import org.branchwork.node.domain.ConsultationResult.StvRound;
import org.branchwork.node.domain.ConsultationResult.TieBreak;
import org.branchwork.node.domain.ConsultationResult.Transferable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Counting, checked by hand: plurality and approval totals and ties; STV by the Scottish 2007
 * rules on examples small enough to work on paper (each test's comment is the working).
 */
class ConsultationCountTest {

    private static final Lot FIRST = (tied, stage) -> tied.get(0);

    /** Builds a tally from "A>B" style rankings over options named by single letters from A. */
    private static Tally tally(int options, Object... rankingsAndCounts) {
        List<Tally.Line> lines = new ArrayList<>();
        for (int i = 0; i < rankingsAndCounts.length; i += 2) {
            List<Integer> ranking = new ArrayList<>();
            for (String name : ((String) rankingsAndCounts[i]).split(">")) {
                ranking.add(name.charAt(0) - 'A');
            }
            lines.add(new Tally.Line(ranking, ((Number) rankingsAndCounts[i + 1]).longValue()));
        }
        return new Tally(options, lines);
    }

    private static Transferable stv(int seats, Tally t, Lot lot) {
        return (Transferable) ConsultationCount.count(new VotingMethod.Ranked(seats), t, lot);
    }

    private static List<String> shown(StvRound r) {
        return r.votes().stream().map(ConsultationCount::shown).toList();
    }

    /** Every stage accounts for every ballot: votes held + non-transferable + lost to fractions. */
    private static void balanced(Transferable r) {
        for (StvRound round : r.rounds()) {
            long held = round.votes().stream().mapToLong(Long::longValue).sum();
            assertThat(held + round.nonTransferable() + round.lostToFractions())
                    .as("stage %d", round.stage())
                    .isEqualTo(r.ballots() * ConsultationCount.UNIT);
        }
    }

    @Test
    void singleChoiceCountsFirstChoicesAndReportsATieAsSeveralLeaders() {
        var r = (ConsultationResult.Plurality)
                ConsultationCount.count(new VotingMethod.Single(), tally(3, "A", 4, "B", 6, "C", 1), FIRST);
        assertThat(r.totals()).containsExactly(4L, 6L, 1L);
        assertThat(r.winners()).containsExactly(1);
        assertThat(r.tied()).isFalse();
        var tie = (ConsultationResult.Plurality)
                ConsultationCount.count(new VotingMethod.Single(), tally(3, "A", 5, "B", 5, "C", 1), FIRST);
        assertThat(tie.winners()).containsExactly(0, 1);
        assertThat(tie.tied()).isTrue();
        var none = ConsultationCount.count(new VotingMethod.Single(), tally(2), FIRST);
        assertThat(none.winners()).as("no ballots, no winner").isEmpty();
        assertThat(none.totals()).containsExactly(0L, 0L);
    }

    @Test
    void approvalCountsEveryApprovedOption() {
        var r = ConsultationCount.count(
                new VotingMethod.Approval(2), tally(3, "A>B", 3, "B>C", 2, "C", 4, "A", 1), FIRST);
        assertThat(r.totals()).containsExactly(4L, 5L, 6L);
        assertThat(r.winners()).containsExactly(2);
        assertThat(r.ballots()).isEqualTo(10);
    }

    /**
     * The worked example of Wikipedia's "Single transferable vote" article (20 voters, 3 seats):
     * quota 20/4 + 1 = 6. Chocolate (C) has 12, elected; its surplus 6 moves all 12 papers at
     * 6/12 = 0.5: Strawberries (S) 1 + 8 × 0.5 = 5, Hamburgers (H) 1 + 4 × 0.5 = 3. Nobody new
     * reaches 6, so Pears (2) is excluded: Oranges 4 + 2 = 6, elected. Oranges has no surplus;
     * Hamburgers (3) is excluded, its papers exhaust (2 + 1). Strawberries is the one continuing
     * candidate for the last seat (rule 52). Elected: Chocolate, Oranges, Strawberries.
     */
    @Test
    void theWikipediaFoodElectionElectsChocolateOrangesAndStrawberries() {
        // A Oranges, B Pears, C Chocolate, D Strawberries, E Hamburgers
        Tally t = tally(5, "A", 4, "B>A", 2, "C>D", 8, "C>E", 4, "D", 1, "E", 1);
        Transferable r = stv(3, t, FIRST);
        assertThat(r.quota()).isEqualTo(6);
        assertThat(r.winners()).containsExactly(2, 0, 3);
        List<StvRound> rounds = r.rounds();
        assertThat(rounds)
                .extracting(StvRound::action)
                .containsExactly(
                        Action.FIRST_PREFERENCES,
                        Action.SURPLUS,
                        Action.EXCLUSION,
                        Action.EXCLUSION,
                        Action.LAST_VACANCIES);
        assertThat(shown(rounds.get(0))).containsExactly("4.00000", "2.00000", "12.00000", "1.00000", "1.00000");
        assertThat(rounds.get(0).elected()).containsExactly(2);
        assertThat(rounds.get(1).candidate()).isEqualTo(2);
        assertThat(ConsultationCount.shown(rounds.get(1).transferValue())).isEqualTo("0.50000");
        assertThat(shown(rounds.get(1))).containsExactly("4.00000", "2.00000", "6.00000", "5.00000", "3.00000");
        assertThat(rounds.get(2).candidate()).as("Pears out").isEqualTo(1);
        assertThat(rounds.get(2).elected()).containsExactly(0);
        assertThat(rounds.get(3).candidate()).as("Hamburgers out").isEqualTo(4);
        assertThat(ConsultationCount.shown(rounds.get(3).nonTransferable())).isEqualTo("3.00000");
        assertThat(rounds.get(4).elected()).containsExactly(3);
        balanced(r);
    }

    /**
     * 100 ballots, 2 seats, quota 100/3 + 1 = 34. A 50 (A>B 40, A>C 10), C 20, D>B 15, B 15.
     * A elected; surplus 16 over 50 votes: transfer value 0.32; B 15 + 12.8 = 27.8, C 20 + 3.2 =
     * 23.2. Nobody at 34; D (15) excluded, its 15 papers to B at 1: B 42.8, elected.
     */
    @Test
    void aSurplusMovesEveryPaperAtTheWeightedTransferValue() {
        Transferable r = stv(2, tally(4, "A>B", 40, "A>C", 10, "C", 20, "D>B", 15, "B", 15), FIRST);
        assertThat(r.quota()).isEqualTo(34);
        assertThat(r.winners()).containsExactly(0, 1);
        assertThat(ConsultationCount.shown(r.rounds().get(1).transferValue())).isEqualTo("0.32000");
        assertThat(shown(r.rounds().get(1))).containsExactly("34.00000", "27.80000", "23.20000", "15.00000");
        assertThat(shown(r.rounds().get(2))).containsExactly("34.00000", "42.80000", "23.20000", "0.00000");
        assertThat(r.rounds().get(2).elected()).containsExactly(1);
        assertThat(r.rounds()).hasSize(3);
        balanced(r);
    }

    /**
     * 9 ballots, 2 seats, quota 9/3 + 1 = 4. A 7 (A>B 4, A>C 3), B 1, C 1. A's surplus 3 over 7:
     * 3/7 = 0.428571… truncated to 0.42857; B 1 + 4 × 0.42857 = 2.71428, C 1 + 3 × 0.42857 =
     * 2.28571, 0.00001 lost to the truncation. C excluded: its papers have no next preference
     * (1.28571 + 1 = 2.28571 non-transferable). B is the last continuing candidate: elected.
     */
    @Test
    void transferValuesAreTruncatedToFivePlacesAndExhaustedPapersAreSetAside() {
        Transferable r = stv(2, tally(3, "A>B", 4, "A>C", 3, "B", 1, "C", 1), FIRST);
        assertThat(r.quota()).isEqualTo(4);
        StvRound surplus = r.rounds().get(1);
        assertThat(ConsultationCount.shown(surplus.transferValue())).isEqualTo("0.42857");
        assertThat(shown(surplus)).containsExactly("4.00000", "2.71428", "2.28571");
        assertThat(ConsultationCount.shown(surplus.lostToFractions())).isEqualTo("0.00001");
        StvRound exclusion = r.rounds().get(2);
        assertThat(exclusion.candidate()).isEqualTo(2);
        assertThat(ConsultationCount.shown(exclusion.nonTransferable())).isEqualTo("2.28571");
        assertThat(r.rounds().get(3).action()).isEqualTo(Action.LAST_VACANCIES);
        assertThat(r.winners()).containsExactly(0, 1);
        balanced(r);
    }

    /**
     * One seat is an instant runoff: 20 ballots, quota 11. A 8, B>C 4, C>B 5, D>C 3. D out: C 8.
     * B (4) out: C 8 + 4 = 12, elected over A, who led on first preferences.
     */
    @Test
    void oneSeatIsAnInstantRunoff() {
        Transferable r = stv(1, tally(4, "A", 8, "B>C", 4, "C>B", 5, "D>C", 3), FIRST);
        assertThat(r.quota()).isEqualTo(11);
        assertThat(r.winners()).containsExactly(2);
        assertThat(r.rounds()).extracting(StvRound::candidate).containsExactly(-1, 3, 1);
        assertThat(shown(r.rounds().get(2))).containsExactly("8.00000", "0.00000", "12.00000", "0.00000");
        balanced(r);
    }

    /**
     * 10 ballots, one seat, quota 6: A 4, B 3, C 2, D>C 1. D out: B and C both have 3. At the
     * stage before they differed (B 3, C 2), so C goes (rule 51(2)(a)); then B (3) against A (4).
     */
    @Test
    void aTieForLowestIsSettledByTheMostRecentStageAtWhichTheyDiffered() {
        Transferable r = stv(1, tally(4, "A", 4, "B", 3, "C", 2, "D>C", 1), (tied, stage) -> {
            throw new AssertionError("no lot is needed");
        });
        StvRound second = r.rounds().get(2);
        assertThat(second.candidate()).isEqualTo(2);
        assertThat(second.tieBreak()).isEqualTo(TieBreak.EARLIER_STAGE);
        assertThat(r.rounds().get(3).candidate()).isEqualTo(1);
        assertThat(r.winners()).containsExactly(0);
        balanced(r);
    }

    @Test
    void candidatesEqualAtEveryStageAreSettledByALotThatAnyoneCanDrawAgain() {
        Tally t = tally(2, "A", 2, "B", 2);
        Transferable picked = stv(1, t, (tied, stage) -> tied.get(1));
        assertThat(picked.rounds().get(1).tieBreak()).isEqualTo(TieBreak.LOT);
        assertThat(picked.rounds().get(1).candidate())
                .as("B drawn for exclusion")
                .isEqualTo(1);
        assertThat(picked.winners()).containsExactly(0);

        Lot seeded = Lot.seeded("the receipts hash");
        assertThat(stv(1, t, seeded).winners())
                .as("the same seed draws the same")
                .isEqualTo(stv(1, t, Lot.seeded("the receipts hash")).winners());
        int drawn = seeded.draw(List.of(0, 1), 2);
        assertThat(drawn).isIn(0, 1);
    }

    @Test
    void fewerCandidatesThanSeatsElectsThemAllAndLeavesSeatsUnfilled() {
        Transferable r = stv(3, tally(2, "A>B", 3, "B", 1), FIRST);
        assertThat(r.winners()).containsExactlyInAnyOrder(0, 1);
        assertThat(r.unfilled()).isEqualTo(1);
        assertThat(r.rounds()).extracting(StvRound::action).contains(Action.LAST_VACANCIES);
    }

    @Test
    void noBallotsStillEndsWithEverySeatDecided() {
        Transferable r = stv(1, tally(3), Lot.seeded("x"));
        assertThat(r.winners()).hasSize(1);
        balanced(r);
    }

    @Test
    void aHundredThousandBallotsCountFromTheirDistinctRankings() {
        List<Tally.Line> lines = new ArrayList<>();
        // every ranking of 5 options (120), with counts summing to 100,000
        List<List<Integer>> perms = new ArrayList<>();
        permute(new ArrayList<>(List.of(0, 1, 2, 3, 4)), 0, perms);
        long total = 0;
        for (int i = 0; i < perms.size(); i++) {
            long n = i == perms.size() - 1 ? 100_000 - total : 400 + i * 5L;
            total += n;
            lines.add(new Tally.Line(perms.get(i), n));
        }
        Transferable r = stv(3, new Tally(5, lines), Lot.seeded("bench"));
        assertThat(r.ballots()).isEqualTo(100_000);
        assertThat(r.quota()).isEqualTo(25_001);
        assertThat(r.winners()).hasSize(3);
        balanced(r);
    }

    @Test
    void aTallyRefusesRankingsThatNameAnOptionTwiceOrNone() {
        assertThatThrownBy(() -> tally(2, "A>A", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> tally(2, "C", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Tally.Line(List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Tally.decode(Tally.encode(List.of(2, 0, 1)))).containsExactly(2, 0, 1);
    }

    private static void permute(List<Integer> xs, int k, List<List<Integer>> out) {
        if (k == xs.size()) {
            out.add(List.copyOf(xs));
            return;
        }
        for (int i = k; i < xs.size(); i++) {
            java.util.Collections.swap(xs, k, i);
            permute(xs, k + 1, out);
            java.util.Collections.swap(xs, k, i);
        }
    }
}
