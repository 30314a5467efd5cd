package org.branchwork.node.web.view;

import java.util.List;

/**
 * A consultation's page: what is asked, its state and times, the ballot (radio buttons, check
 * boxes or ranked selects) for a member who may vote, where they stand, the results where they may
 * be shown (a bar chart, the totals, the STV stages), the receipts hash and what the count kept.
 *
 * @param chart inline SVG built by {@code web.Charts} from numbers and option names it escapes
 */
public record ConsultationView(
        String title,
        String uuid,
        String html,
        String state,
        String opens,
        String closes,
        String cutoff,
        String kind,
        String method,
        Figures figures,
        String csrf,
        boolean canClose,
        Ballot ballot,
        String voterNote,
        String error,
        String receiptsHash,
        String certificate) {

    /**
     * The figures: on the owner, summed over the branches that took part (each in {@code
     * branches}, the fediverse's {@code publicVotes} apart); on a branch, its own members'.
     *
     * @param results null while hidden, {@code hiddenNote} says why
     * @param publicVotes null when there are none
     * @param completeness on the owner once closed, whether every branch's closing tally is in
     */
    public record Figures(
            String electorate,
            long ballots,
            String turnout,
            String quorum,
            Results results,
            String hiddenNote,
            boolean network,
            String completeness,
            List<Branch> branches,
            PublicVotes publicVotes) {}

    /** The fediverse's votes, present only when there are some. */
    public record PublicVotes(List<Total> rows) {}

    /** A branch's row: its electorate and turnout always, its result only where it is shown. */
    public record Branch(
            String name, String actor, String electorate, long ballots, String turnout, String result, String tally) {}

    /** The form a member votes with; {@code change} when it replaces their ballot (needs the receipt). */
    public record Ballot(
            String action,
            boolean single,
            boolean approval,
            boolean ranked,
            int maxChoices,
            List<Choice> options,
            List<Slot> slots,
            boolean change) {}

    /** One place in a ranking ("1st choice") and the options it may take. */
    public record Slot(int number, String label, List<Choice> options) {}

    /** Results: totals, the leading option(s), and for STV the quota and each stage. */
    public record Results(
            String chart,
            List<Total> totals,
            String outcome,
            boolean stv,
            long quota,
            List<String> candidates,
            List<Round> rounds) {}

    public record Total(String option, long count, String share) {}

    public record Round(
            int stage, String action, List<String> votes, String nonTransferable, String lost, String elected) {}
}
