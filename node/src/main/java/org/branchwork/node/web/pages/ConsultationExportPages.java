package org.branchwork.node.web.pages;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationCount;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.ConsultationResult;
import org.branchwork.node.domain.Role;
import org.branchwork.node.domain.VotingMethod;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.ConsultationNetwork;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.service.SpreadsheetCsv;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;

/**
 * What members download from a consultation: the results as CSV (on the owner, the network's total
 * and each branch's row) and the receipts hash list a voter checks their receipt against.
 */
public final class ConsultationExportPages implements HttpService {

    private final ConsultationService consultations;
    private final ConsultationNetwork network;
    private final Sessions sessions;
    private final Pages pages;
    private final LocalUris uris;

    public ConsultationExportPages(
            ConsultationService consultations,
            ConsultationNetwork network,
            Sessions sessions,
            Pages pages,
            LocalUris uris) {
        this.consultations = consultations;
        this.network = network;
        this.sessions = sessions;
        this.pages = pages;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/consultations/{uuid}/results.csv", this::csv)
                .get("/consultations/{uuid}/receipts.txt", this::receipts);
    }

    private ConsultationId id(ServerRequest req) {
        return uris.consultationIdOf(req.path().pathParameters().get("uuid"))
                .orElseThrow(() -> new NotFoundException("No such consultation."));
    }

    private void csv(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.MEMBER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        ConsultationId id = id(req);
        ConsultationService.Standing s = consultations.standing(viewer.get().acting(), id);
        Optional<ConsultationNetwork.Results> across = network.ownResults(id);
        ConsultationResult r = across.map(ConsultationNetwork.Results::result).orElse(s.result());
        if (r == null) {
            pages.message(
                    res,
                    Status.CONFLICT_409,
                    viewer,
                    "Not yet",
                    "Results of a binding consultation show once it has closed.");
            return;
        }
        Consultation k = s.consultation();
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.headers()
                .set(
                        HeaderNames.CONTENT_DISPOSITION,
                        "attachment; filename=\"consultation-" + k.id().value() + ".csv\"");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        try (Writer out = new OutputStreamWriter(res.outputStream(), StandardCharsets.UTF_8);
                SpreadsheetCsv csv = new SpreadsheetCsv(
                        out,
                        "row",
                        "option",
                        k.method() instanceof VotingMethod.Ranked ? "votes" : "ballots",
                        "chosen")) {
            for (int i = 0; i < k.options().size(); i++) {
                csv.row(
                        "total",
                        k.options().get(i),
                        r.totals().get(i),
                        r.winners().contains(i) ? "yes" : "no");
            }
            if (r instanceof ConsultationResult.Transferable t) {
                for (ConsultationResult.StvRound round : t.rounds()) {
                    for (int i = 0; i < k.options().size(); i++) {
                        csv.row(
                                "stage " + round.stage() + " "
                                        + round.action().name().toLowerCase(Locale.ROOT),
                                k.options().get(i),
                                ConsultationCount.shown(round.votes().get(i)),
                                round.elected().contains(i) ? "yes" : "no");
                    }
                }
            }
            across.ifPresent(a -> branchRows(csv, k, a));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A branch's ballots always; its counts only where the page would show them. */
    private static void branchRows(SpreadsheetCsv csv, Consultation k, ConsultationNetwork.Results a) {
        for (ConsultationNetwork.BranchFigures b : a.branches()) {
            String branch = "branch " + (b.actor() == null ? "this node" : b.actor());
            csv.row(branch, "(ballots)", b.ballots(), "");
            if (b.totals() != null) {
                for (int i = 0; i < k.options().size(); i++) {
                    csv.row(branch, k.options().get(i), b.totals().get(i), "");
                }
            }
        }
        a.publicVotes().forEach((option, n) -> csv.row("public vote (advisory)", option, n, ""));
    }

    private void receipts(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.MEMBER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder();
        consultations
                .receipts(viewer.get().acting(), id(req))
                .forEach(h -> out.append(h).append('\n'));
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(out.toString());
    }
}
