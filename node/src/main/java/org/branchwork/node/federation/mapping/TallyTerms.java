package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.BranchTally;
import org.branchwork.node.domain.Tally;

/**
 * A branch's tally as it travels: the {@code bw:Tally} object of an {@code Add} to a consultation's
 * {@code Question}, with its own {@code id} (on the branch's origin), {@code attributedTo} (the
 * branch), {@code bw:consultation} (the Question), {@code bw:electorate}, {@code bw:ballots},
 * {@code bw:counts} (each distinct ranking, as option names most preferred first, with its
 * {@code bw:ballots}), {@code bw:receiptsHash}, {@code bw:sequence}, {@code bw:final} and
 * {@code updated}. The branch signs the object itself (FEP-8b32), so it can be checked apart from
 * the activity that carried it: that is what the owner publishes for anyone to re-count.
 */
public record TallyTerms(
        URI id,
        URI attributedTo,
        URI consultation,
        long electorate,
        long ballots,
        List<Count> counts,
        String receiptsHash,
        long sequence,
        Instant updated,
        boolean isFinal) {

    /** The type of the tally object. */
    public static final String TYPE = "bw:Tally";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** One distinct ranking and how many ballots gave it. */
    public record Count(List<String> ranking, long ballots) {
        public Count {
            ranking = List.copyOf(ranking);
        }
    }

    public TallyTerms {
        counts = List.copyOf(counts);
    }

    /** The terms of a domain tally, naming options by {@code options}. */
    public static TallyTerms of(URI id, URI branch, URI consultation, List<String> options, BranchTally t) {
        List<Count> counts = new ArrayList<>();
        for (Tally.Line l : t.tally().lines()) {
            counts.add(new Count(l.ranking().stream().map(options::get).toList(), l.ballots()));
        }
        return new TallyTerms(
                id,
                branch,
                consultation,
                t.electorate(),
                t.ballots(),
                counts,
                t.receiptsHash(),
                t.sequence(),
                t.updated(),
                t.isFinal());
    }

    /** The object's JSON, to be signed and embedded. */
    public ObjectNode json() {
        ObjectNode o = NODES.objectNode();
        o.put("id", id.toString())
                .put("type", TYPE)
                .put("attributedTo", attributedTo.toString())
                .put("bw:consultation", consultation.toString())
                .put("bw:electorate", electorate)
                .put("bw:ballots", ballots);
        ArrayNode list = o.putArray("bw:counts");
        for (Count c : counts) {
            ObjectNode line = list.addObject();
            c.ranking().forEach(line.putArray("bw:ranking")::add);
            line.put("bw:ballots", c.ballots());
        }
        o.put("bw:receiptsHash", receiptsHash)
                .put("bw:sequence", sequence)
                .put("bw:final", isFinal)
                .put("updated", updated.toString());
        return o;
    }

    /** Whether an embedded object says it is a tally (well-formed or not). */
    public static boolean isOne(EmbeddedCopy copy) {
        return copy.json().map(TallyTerms::isOne).orElse(false);
    }

    public static boolean isOne(JsonNode o) {
        JsonNode type = o.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (isTallyType(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return isTallyType(type.asText());
    }

    private static boolean isTallyType(String t) {
        return t.equals(TYPE) || t.endsWith("branchwork#Tally");
    }

    /** The tally in a JSON object as received; empty (with nothing said) when a term is missing or malformed. */
    public static Optional<TallyTerms> read(JsonNode o) {
        if (o == null || !o.isObject() || !isOne(o)) {
            return Optional.empty();
        }
        try {
            URI id = URI.create(o.path("id").asText());
            URI by = URI.create(o.path("attributedTo").asText());
            URI consultation = URI.create(o.path("bw:consultation").asText());
            List<Count> counts = new ArrayList<>();
            for (JsonNode line : o.path("bw:counts")) {
                List<String> ranking = new ArrayList<>();
                line.path("bw:ranking").forEach(n -> ranking.add(n.asText()));
                if (!whole(line.path("bw:ballots"))) {
                    return Optional.empty();
                }
                counts.add(new Count(ranking, line.path("bw:ballots").asLong()));
            }
            if (!whole(o.path("bw:electorate"))
                    || !whole(o.path("bw:ballots"))
                    || !whole(o.path("bw:sequence"))
                    || !o.path("bw:receiptsHash").isTextual()
                    || !o.path("updated").isTextual()
                    || !o.path("bw:counts").isArray()) {
                return Optional.empty();
            }
            return Optional.of(new TallyTerms(
                    id,
                    by,
                    consultation,
                    o.get("bw:electorate").asLong(),
                    o.get("bw:ballots").asLong(),
                    counts,
                    o.get("bw:receiptsHash").asText(),
                    o.get("bw:sequence").asLong(),
                    Instant.parse(o.get("updated").asText()),
                    o.path("bw:final").asBoolean(false)));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static boolean whole(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.asLong() >= 0;
    }

    /**
     * The domain tally, with options named by the consultation's {@code options}; or why not: an
     * unknown or repeated option, a ranking of more than one option where the method marks one, a
     * count that does not add up to the ballots.
     */
    public Tallied toDomain(List<String> options, int maxMarks) {
        List<Tally.Line> lines = new ArrayList<>();
        long sum = 0;
        for (Count c : counts) {
            List<Integer> ranking = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (String name : c.ranking()) {
                int i = options.indexOf(name);
                if (i < 0 || !seen.add(name)) {
                    return new Tallied.Invalid("a ranking names '" + name + "', not an option or twice");
                }
                ranking.add(i);
            }
            if (ranking.isEmpty() || ranking.size() > maxMarks) {
                return new Tallied.Invalid("a ranking names " + ranking.size() + " options (1 to " + maxMarks + ")");
            }
            lines.add(new Tally.Line(ranking, c.ballots()));
            sum += c.ballots();
        }
        if (sum != ballots) {
            return new Tallied.Invalid("the counts add up to " + sum + " ballots, the tally says " + ballots);
        }
        return new Tallied.Valid(new BranchTally(
                electorate, new Tally(options.size(), lines), receiptsHash, sequence, updated, isFinal));
    }

    /** A tally read against the consultation, or why it does not fit. */
    public sealed interface Tallied {
        record Valid(BranchTally tally) implements Tallied {}

        record Invalid(String reason) implements Tallied {}
    }
}
