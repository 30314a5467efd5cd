package org.branchwork.node.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationCount;
import org.branchwork.node.domain.ConsultationResult;
import org.branchwork.node.service.ConsultationNetwork;
import org.branchwork.node.web.ActorNames;
import org.branchwork.node.web.Charts;
import org.branchwork.node.web.view.ConsultationView;

/**
 * A count as people read it: the totals with shares, the outcome in words, the STV stages, each
 * branch's turnout (its own result only where {@link ConsultationNetwork#SHOWN_FROM} ballots hide who
 * voted how), and the fediverse's public votes apart.
 */
final class ConsultationResultsViews {

    private ConsultationResultsViews() {}

    static ConsultationView.Results results(Consultation k, ConsultationResult r) {
        List<ConsultationView.Total> totals = new ArrayList<>();
        List<Charts.Bar> bars = new ArrayList<>();
        long sum = r.totals().stream().mapToLong(Long::longValue).sum();
        for (int i = 0; i < k.options().size(); i++) {
            long n = r.totals().get(i);
            totals.add(new ConsultationView.Total(k.options().get(i), n, sum == 0 ? "" : percent(n, sum)));
            bars.add(new Charts.Bar(k.options().get(i), n));
        }
        List<String> winners = r.winners().stream().map(k.options()::get).toList();
        String outcome;
        List<ConsultationView.Round> rounds = new ArrayList<>();
        long quota = 0;
        if (r instanceof ConsultationResult.Transferable t) {
            quota = t.quota();
            outcome = winners.isEmpty()
                    ? "No one is elected."
                    : "Elected: " + String.join(", ", winners) + "."
                            + (t.unfilled() > 0
                                    ? " " + t.unfilled() + " seat(s) unfilled: fewer options than seats."
                                    : "");
            t.rounds().forEach(round -> rounds.add(round(k, round)));
        } else {
            outcome = winners.isEmpty()
                    ? "No ballots yet."
                    : winners.size() > 1
                            ? "A tie between " + String.join(" and ", winners) + "."
                            : "Most chosen: " + winners.get(0) + ".";
        }
        String chartTitle = r instanceof ConsultationResult.Transferable ? "First preferences" : "Votes per option";
        return new ConsultationView.Results(
                Charts.bars(chartTitle, bars),
                totals,
                outcome,
                r instanceof ConsultationResult.Transferable,
                quota,
                k.options(),
                rounds);
    }

    private static ConsultationView.Round round(Consultation k, ConsultationResult.StvRound round) {
        String who = round.candidate() >= 0 ? k.options().get(round.candidate()) : "";
        String action = switch (round.action()) {
                    case FIRST_PREFERENCES -> "First preferences";
                    case SURPLUS -> "Surplus of " + who + " at " + ConsultationCount.shown(round.transferValue());
                    case EXCLUSION -> "Exclusion of " + who;
                    case LAST_VACANCIES -> "Last vacancies filled";
                }
                + switch (round.tieBreak()) {
                    case NONE -> "";
                    case EARLIER_STAGE -> " (tie settled by an earlier stage)";
                    case LOT -> " (tie settled by lot)";
                };
        return new ConsultationView.Round(
                round.stage(),
                action,
                round.votes().stream().map(ConsultationCount::shown).toList(),
                ConsultationCount.shown(round.nonTransferable()),
                ConsultationCount.shown(round.lostToFractions()),
                String.join(", ", round.elected().stream().map(k.options()::get).toList()));
    }

    /** One row per branch that took part, named by its host and its actor's last path segment. */
    static List<ConsultationView.Branch> branches(Consultation k, ConsultationNetwork.Results r) {
        List<ConsultationView.Branch> rows = new ArrayList<>();
        for (ConsultationNetwork.BranchFigures b : r.branches()) {
            String name = b.actor() == null ? "This node" : ActorNames.of(b.actor());
            String result;
            if (b.electorate() == null) {
                result = "Took part; no tally yet";
            } else if (b.suppressed() && b.ballots() < ConsultationNetwork.SHOWN_FROM) {
                result = "Not shown: fewer than " + ConsultationNetwork.SHOWN_FROM + " ballots (counted in the total)";
            } else if (b.suppressed()) {
                result = "Not shown: with it, a smaller branch's result could be worked out from the total"
                        + " (counted in the total)";
            } else if (b.totals() == null) {
                result = "Shown once it has closed";
            } else {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < k.options().size(); i++) {
                    parts.add(k.options().get(i) + " " + b.totals().get(i));
                }
                result = String.join(", ", parts);
            }
            rows.add(new ConsultationView.Branch(
                    name,
                    b.actor() == null ? null : b.actor().toString(),
                    b.electorate() == null ? "" : String.valueOf(b.electorate()),
                    b.ballots(),
                    b.electorate() == null || b.electorate() == 0 ? "" : percent(b.ballots(), b.electorate()),
                    result,
                    b.isFinal() ? "Final" : b.electorate() == null ? "None yet" : "While open"));
        }
        return rows;
    }

    /**
     * After the close the owner counts each branch's closing tally as it arrives: until all are in,
     * the page says the totals can still change. Null while open.
     */
    static String completeness(ConsultationNetwork.Results r) {
        if (r.state() != org.branchwork.node.domain.Consultation.State.CLOSED) {
            return null;
        }
        long waiting = r.branches().stream().filter(b -> !b.isFinal()).count();
        return waiting == 0
                ? "Final: every branch's closing tally is in."
                : "Waiting for the closing tally of " + waiting + " of "
                        + r.branches().size() + " branches: the totals can still change until they arrive.";
    }

    /** The public votes in the options' order, those with none left out; null when there are none. */
    static ConsultationView.PublicVotes publicVotes(Map<String, Long> votes) {
        long sum = votes.values().stream().mapToLong(Long::longValue).sum();
        return sum == 0
                ? null
                : new ConsultationView.PublicVotes(votes.entrySet().stream()
                        .map(e -> new ConsultationView.Total(e.getKey(), e.getValue(), percent(e.getValue(), sum)))
                        .toList());
    }

    static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
    }
}
