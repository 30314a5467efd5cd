package org.branchwork.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.branchwork.node.domain.ConsultationCount;
import org.branchwork.node.domain.ConsultationResult;
import org.branchwork.node.domain.Lot;
import org.branchwork.node.domain.Receipts;
import org.branchwork.node.domain.Tally;
import org.branchwork.node.domain.VotingMethod;
import org.branchwork.node.federation.mapping.TallyTerms;
import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.proof.ProofCheck;
import org.branchwork.protocol.sig.Multikey;
import org.branchwork.protocol.vocab.Origins;

/**
 * Re-counts a consultation from its owner's published signed tallies
 * ({@code /consultations/{uuid}/tallies.json}), trusting the owner for nothing: each tally's
 * FEP-8b32 proof is checked with the key its author publishes (fetched from the author's actor
 * document, on the author's origin), its figures are checked (counts add up, no more ballots than
 * electorate), and the counts of each distinct ranking are summed and counted as the node counts
 * them (docs/FEDERATION.md, "Re-counting a consultation"). Run:
 * {@code java -cp branchwork-node.jar org.branchwork.node.Recount FILE-or-URL}.
 */
public final class Recount {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Recount() {}

    /** Where an author's Ed25519 key comes from: its {@code verificationMethod} and the controller it must belong to. */
    @FunctionalInterface
    public interface Keys {
        Optional<PublicKey> key(URI verificationMethod, URI controller);
    }

    /** The re-count: ballots, electorate, the result, and each tally refused with why. */
    public record Result(
            long ballots, long electorate, Tally summed, ConsultationResult result, List<String> refused) {}

    public static Result recount(JsonNode document, Keys keys) {
        List<String> options = new ArrayList<>();
        document.path("options").forEach(o -> options.add(o.asText()));
        VotingMethod method = switch (document.path("method").asText()) {
            case "approval" ->
                new VotingMethod.Approval(document.path("maxChoices").asInt(options.size()));
            case "ranked" -> new VotingMethod.Ranked(document.path("seats").asInt(1));
            default -> new VotingMethod.Single();
        };
        int maxMarks = method instanceof VotingMethod.Single
                ? 1
                : method instanceof VotingMethod.Approval a ? a.maxChoices() : options.size();
        Map<List<Integer>, Long> sum = new LinkedHashMap<>();
        List<String> refused = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        long ballots = 0;
        long electorate = 0;
        for (JsonNode t : document.path("tallies")) {
            Optional<TallyTerms> terms = TallyTerms.read(t);
            if (terms.isEmpty()) {
                refused.add("not a well-formed tally: " + t.path("id").asText());
                continue;
            }
            TallyTerms tally = terms.get();
            if (!proved(t, tally.attributedTo(), keys)) {
                refused.add(tally.id() + ": its proof is not " + tally.attributedTo() + "'s");
                continue;
            }
            if (!tally.consultation()
                    .toString()
                    .equals(document.path("consultation").asText())) {
                refused.add(tally.id() + ": a tally of another consultation");
                continue;
            }
            switch (tally.toDomain(options, maxMarks)) {
                case TallyTerms.Tallied.Invalid i -> refused.add(tally.id() + ": " + i.reason());
                case TallyTerms.Tallied.Valid v -> {
                    if (v.tally().ballots() > v.tally().electorate()) {
                        refused.add(tally.id() + ": more ballots than electorate");
                        continue;
                    }
                    v.tally().tally().lines().forEach(l -> sum.merge(l.ranking(), l.ballots(), Long::sum));
                    hashes.add(v.tally().receiptsHash());
                    ballots += v.tally().ballots();
                    electorate += v.tally().electorate();
                }
            }
        }
        List<Tally.Line> lines = new ArrayList<>();
        sum.forEach((r, n) -> lines.add(new Tally.Line(r, n)));
        Tally summed = new Tally(options.size(), lines);
        ConsultationResult result = ConsultationCount.count(method, summed, Lot.seeded(Receipts.listHash(hashes)));
        return new Result(ballots, electorate, summed, result, refused);
    }

    private static boolean proved(JsonNode tally, URI author, Keys keys) {
        if (!(DataIntegrityProofs.inspect(tally) instanceof ProofCheck.Pending pending)) {
            return false;
        }
        URI method;
        try {
            method = URI.create(pending.verificationMethod());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!Origins.same(method, author)) {
            return false;
        }
        return keys.key(method, author)
                .map(k -> DataIntegrityProofs.verify(tally, k) instanceof ProofCheck.Valid)
                .orElse(false);
    }

    /**
     * Keys from the authors' actor documents over HTTP(S): the {@code assertionMethod} entry with
     * the proof's id, controlled by the author. {@code rewriteLocalhost}: ask 127.0.0.1 for
     * {@code localhost} (tests and the local demo).
     */
    public static Keys fetchingKeys(boolean rewriteLocalhost) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return (method, controller) -> {
            String actor = method.toString().replaceFirst("#.*$", "");
            if (rewriteLocalhost) {
                actor = actor.replace("://localhost:", "://127.0.0.1:");
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(actor))
                                .header("Accept", "application/activity+json")
                                .timeout(Duration.ofSeconds(15))
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode doc = JSON.readTree(r.body());
                if (!controller.toString().equals(doc.path("id").asText())) {
                    return Optional.empty();
                }
                for (JsonNode m : doc.path("assertionMethod")) {
                    if (m.path("id").asText().equals(method.toString())
                            && (m.path("controller").isMissingNode()
                                    || m.path("controller").asText().equals(controller.toString()))) {
                        return Optional.of(Multikey.decodePublic(
                                m.path("publicKeyMultibase").asText()));
                    }
                }
                return Optional.empty();
            } catch (IOException | IllegalArgumentException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        };
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: Recount FILE-or-URL (a consultation's tallies.json)");
            System.exit(2);
        }
        String where = args[0];
        String text = where.startsWith("http")
                ? HttpClient.newHttpClient()
                        .send(HttpRequest.newBuilder(URI.create(where)).build(), HttpResponse.BodyHandlers.ofString())
                        .body()
                : Files.readString(Path.of(where));
        JsonNode doc = JSON.readTree(text);
        Result r = recount(doc, fetchingKeys(false));
        List<String> options = new ArrayList<>();
        doc.path("options").forEach(o -> options.add(o.asText()));
        r.refused().forEach(x -> System.out.println("refused: " + x));
        System.out.println("ballots " + r.ballots() + " of an electorate of " + r.electorate());
        for (int i = 0; i < options.size(); i++) {
            System.out.println(options.get(i) + "\t" + r.result().totals().get(i));
        }
        System.out.println(
                "winners: " + r.result().winners().stream().map(options::get).toList());
        if (r.result() instanceof ConsultationResult.Transferable t) {
            System.out.println("quota " + t.quota() + ", " + t.rounds().size() + " stages");
        }
    }
}
