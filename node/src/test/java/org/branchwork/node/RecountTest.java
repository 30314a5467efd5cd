package org.branchwork.node;

import java.net.URI;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.branchwork.node.domain.BranchTally;
import org.branchwork.node.domain.Tally;
import org.branchwork.node.federation.mapping.TallyTerms;
import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;

class RecountTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPTIONS = List.of("Rent", "Buses", "Libraries");
    private static final URI QUESTION =
            URI.create("https://national.example/consultations/6f1c0c1e-8a43-4c4e-9a53-0d6c1f2b7a10");

    private final KeyPair stockport = KeyPairs.generateEd25519(new SecureRandom());
    private final KeyPair leeds = KeyPairs.generateEd25519(new SecureRandom());
    private final Map<URI, PublicKey> published = Map.of(
            URI.create("https://stockport.example/groups/stockport#ed25519-key"), stockport.getPublic(),
            URI.create("https://leeds.example/groups/leeds#ed25519-key"), leeds.getPublic());
    private final Recount.Keys keys = (method, controller) -> method.toString().startsWith(controller + "#")
            ? Optional.ofNullable(published.get(method))
            : Optional.empty();

    private ObjectNode tally(String slug, KeyPair key, long electorate, List<Tally.Line> lines) {
        URI branch = URI.create("https://" + slug + ".example/groups/" + slug);
        BranchTally t = new BranchTally(
                electorate, new Tally(3, lines), "a".repeat(64), 3, Instant.parse("2026-12-01T10:00:00Z"), true);
        ObjectNode json = TallyTerms.of(
                        URI.create("https://" + slug + ".example/consultations/x/tallies/3"),
                        branch,
                        QUESTION,
                        OPTIONS,
                        t)
                .json();
        return DataIntegrityProofs.sign(json, new SigningKey(branch + "#ed25519-key", key.getPrivate()), Instant.now());
    }

    private ObjectNode document(ObjectNode... tallies) {
        ObjectNode doc = JSON.createObjectNode()
                .put("consultation", QUESTION.toString())
                .put("method", "ranked")
                .put("seats", 1);
        OPTIONS.forEach(doc.putArray("options")::add);
        var list = doc.putArray("tallies");
        for (ObjectNode t : tallies) {
            list.add(t);
        }
        return doc;
    }

    @Test
    void sumsTheRankingsOfEveryProvedTallyAndCountsThem() {
        Recount.Result r = Recount.recount(
                document(
                        tally(
                                "stockport",
                                stockport,
                                10,
                                List.of(new Tally.Line(List.of(0, 1), 4), new Tally.Line(List.of(1), 3))),
                        tally("leeds", leeds, 4, List.of(new Tally.Line(List.of(2, 1), 2)))),
                keys);
        assertThat(r.refused()).isEmpty();
        assertThat(r.ballots()).isEqualTo(9);
        assertThat(r.electorate()).isEqualTo(14);
        assertThat(r.result().totals()).containsExactly(4L, 3L, 2L);
        // Libraries out, its 2 papers to Buses: 5 to 4, Buses wins.
        assertThat(r.result().winners()).containsExactly(1);
    }

    @Test
    void refusesATallyNotProvedByItsAuthorAnEditedOneAndAnInflatedOne() {
        ObjectNode forged = tally("leeds", stockport, 4, List.of(new Tally.Line(List.of(2), 4)));
        ObjectNode edited = tally("stockport", stockport, 10, List.of(new Tally.Line(List.of(0), 4)));
        ((ObjectNode) edited.get("bw:counts").get(0)).put("bw:ballots", 9);
        edited.put("bw:ballots", 9);
        ObjectNode inflated = tally("leeds", leeds, 4, List.of(new Tally.Line(List.of(2), 5)));
        Recount.Result r = Recount.recount(document(forged, edited, inflated), keys);
        assertThat(r.refused()).hasSize(3);
        assertThat(r.ballots()).isZero();
    }
}
