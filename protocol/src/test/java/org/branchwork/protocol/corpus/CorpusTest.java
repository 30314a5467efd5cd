package org.branchwork.protocol.corpus;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.nodeinfo.NodeInfoCodec;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Event;
import org.branchwork.protocol.vocab.Origins;
import org.branchwork.protocol.vocab.Place;
import org.branchwork.protocol.webfinger.Jrd;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every payload in {@code ../shared/corpus/fediverse} is either read, with its key fields checked
 * against the raw JSON, or refused with a specific reason. Prints a table per implementation.
 */
class CorpusTest {

    private static final ObjectMapper RAW = new ObjectMapper();

    /** What happened to one file. */
    record Outcome(String implementation, String file, boolean read, String detail) {}

    private final ActivityCodec codec = new ActivityCodec();
    private final NodeInfoCodec nodeInfo = new NodeInfoCodec();

    static Path corpus() {
        for (Path candidate :
                List.of(Path.of("../../shared/corpus/fediverse"), Path.of("../shared/corpus/fediverse"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("The corpus is missing: expected ../shared/corpus/fediverse beside the repository "
                + "(looked from " + Path.of("").toAbsolutePath() + ")");
    }

    @Test
    void everyCorpusFileIsReadOrRefusedWithAReason() throws IOException {
        Path root = corpus();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
        assertThat(files).as("corpus files").hasSizeGreaterThan(100);

        List<Outcome> outcomes = new ArrayList<>();
        List<String> neither = new ArrayList<>();
        for (Path file : files) {
            String implementation = root.relativize(file).getName(0).toString();
            String name = root.relativize(file).toString();
            try {
                outcomes.add(examine(implementation, name, Files.readAllBytes(file)));
            } catch (AssertionError | RuntimeException e) {
                neither.add(name + ": " + e.getMessage());
            }
        }
        print(outcomes);
        assertThat(neither)
                .as("files neither read correctly nor refused with a reason")
                .isEmpty();
        assertThat(outcomes.stream().filter(Outcome::read).count())
                .as("files read")
                .isGreaterThan(140);
    }

    private Outcome examine(String implementation, String name, byte[] bytes) throws IOException {
        JsonNode raw = RAW.readTree(bytes);
        if (name.contains("/nodeinfo/")) {
            return nodeInfoOutcome(implementation, name, bytes, raw);
        }
        return switch (codec.read(bytes)) {
            case Decoded.Refused refused -> {
                assertThat(refused.reason()).isNotBlank();
                yield new Outcome(implementation, name, false, refused.reason());
            }
            case Decoded.Read read -> {
                AsObject object = read.object();
                checkAgainstRaw(object, raw);
                var bogus = Origins.inconsistency(object);
                yield bogus.map(reason -> new Outcome(implementation, name, false, "origin check: " + reason))
                        .orElseGet(() -> new Outcome(implementation, name, true, object.type()));
            }
        };
    }

    private Outcome nodeInfoOutcome(String implementation, String name, byte[] bytes, JsonNode raw) {
        if (raw.has("links")) {
            Jrd discovery = Jrd.parse(bytes);
            return nodeInfo.preferredLink(discovery)
                    .map(link -> new Outcome(implementation, name, true, "NodeInfo discovery -> " + link))
                    .orElseGet(() -> new Outcome(
                            implementation, name, false, "NodeInfo discovery offers no 2.0 or 2.1 document"));
        }
        return switch (nodeInfo.read(bytes)) {
            case NodeInfoCodec.Result.Read read -> {
                assertThat(read.nodeInfo().software().name())
                        .isEqualTo(raw.at("/software/name").asText());
                assertThat(read.nodeInfo().version())
                        .isEqualTo(raw.get("version").asText());
                yield new Outcome(
                        implementation,
                        name,
                        true,
                        "NodeInfo " + read.nodeInfo().version());
            }
            case NodeInfoCodec.Result.Refused refused -> new Outcome(implementation, name, false, refused.reason());
        };
    }

    /** The typed model agrees with the raw JSON on the fields that matter. */
    private static void checkAgainstRaw(AsObject object, JsonNode raw) {
        if (raw.has("id")) {
            assertThat(object.id()).as("id").contains(URI.create(raw.get("id").asText()));
        }
        String rawType = raw.get("type").isArray()
                ? raw.get("type").get(0).asText()
                : raw.get("type").asText();
        assertThat(object.type()).as("type").isEqualTo(rawType);
        if (raw.has("published")) {
            assertThat(object.core().published())
                    .as("published")
                    .isEqualTo(
                            OffsetDateTime.parse(raw.get("published").asText()).toInstant());
        }
        if (object instanceof Activity activity) {
            assertThat(activity.actor().id()).as("actor").contains(URI.create(idOf(raw.get("actor"))));
            JsonNode rawObject = raw.get("object");
            if (rawObject != null) {
                JsonNode first = rawObject.isArray() ? rawObject.get(0) : rawObject;
                if (first.isTextual() || first.has("id")) {
                    assertThat(activity.object().flatMap(r -> r.id()))
                            .as("object reference")
                            .contains(URI.create(idOf(first)));
                }
            }
        }
        if (object instanceof Actor actor) {
            assertThat(actor.inbox())
                    .as("inbox")
                    .isEqualTo(URI.create(raw.get("inbox").asText()));
            if (raw.has("preferredUsername")) {
                assertThat(actor.preferredUsername())
                        .isEqualTo(raw.get("preferredUsername").asText());
            }
            if (raw.at("/publicKey/publicKeyPem").isTextual()) {
                assertThat(actor.publicKeys())
                        .first()
                        .extracting(k -> k.publicKeyPem())
                        .isEqualTo(raw.at("/publicKey/publicKeyPem").asText());
            }
        }
        if (object instanceof Event event) {
            assertThat(event.startTime())
                    .as("startTime")
                    .isEqualTo(
                            OffsetDateTime.parse(raw.get("startTime").asText()).toInstant());
            if (raw.has("endTime")) {
                assertThat(event.endTime())
                        .as("endTime")
                        .isEqualTo(OffsetDateTime.parse(raw.get("endTime").asText())
                                .toInstant());
            }
            if (raw.path("location").has("name")) {
                Place place = (Place) event.location().embedded().orElseThrow();
                assertThat(place.core().name().best())
                        .contains(raw.at("/location/name").asText());
                if (raw.at("/location/address/postalCode").isTextual()) {
                    assertThat(place.address().postalCode())
                            .isEqualTo(raw.at("/location/address/postalCode").asText());
                }
                if (raw.at("/location/latitude").isNumber()) {
                    assertThat(place.latitude())
                            .isEqualTo(raw.at("/location/latitude").asDouble());
                }
            }
        }
    }

    private static String idOf(JsonNode node) {
        return node.isTextual() ? node.asText() : node.get("id").asText();
    }

    private static void print(List<Outcome> outcomes) {
        Map<String, int[]> counts = new TreeMap<>();
        StringBuilder refusals = new StringBuilder();
        for (Outcome o : outcomes) {
            int[] c = counts.computeIfAbsent(o.implementation(), k -> new int[2]);
            c[o.read() ? 0 : 1]++;
            if (!o.read()) {
                refusals.append(String.format("  %-62s %s%n", o.file(), o.detail()));
            }
        }
        StringBuilder table = new StringBuilder("\nCorpus: files read / refused per implementation\n");
        table.append(String.format("  %-20s %6s %8s%n", "implementation", "read", "refused"));
        counts.forEach((impl, c) -> table.append(String.format("  %-20s %6d %8d%n", impl, c[0], c[1])));
        long read = outcomes.stream().filter(Outcome::read).count();
        table.append(String.format("  %-20s %6d %8d%n", "total", read, outcomes.size() - read));
        table.append("Refused, with reasons:\n").append(refusals);
        System.out.println(table);
    }
}
