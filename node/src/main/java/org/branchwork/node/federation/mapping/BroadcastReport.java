package org.branchwork.node.federation.mapping;

import java.time.Instant;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.RelayCounts;
import org.branchwork.node.domain.RelayState;
import org.branchwork.protocol.vocab.AsObject;

/**
 * A branch's aggregate on a broadcast it received, as it travels: the embedded
 * {@code bw:BroadcastReport} of an {@code Add} to the broadcast, with {@code bw:relayState},
 * {@code bw:sent}, {@code bw:failed}, {@code bw:unsubscribed} and {@code updated}, the report's
 * own time (which grows from one report to the next). Counts only: nothing in it names anyone.
 */
public record BroadcastReport(RelayState state, RelayCounts counts, Instant updated) {

    /** The type of the report object. */
    public static final String TYPE = "bw:BroadcastReport";

    /** The report in an {@code Add}'s embedded object, read as the codec normalised it; empty when it is not one. */
    public static Optional<BroadcastReport> read(AsObject object) {
        if (object.core().types().stream().noneMatch(t -> t.equals(TYPE) || t.endsWith("branchwork#BroadcastReport"))) {
            return Optional.empty();
        }
        var ext = object.core().extensions();
        Optional<RelayState> state = ext.text("bw:relayState").flatMap(RelayState::reported);
        Optional<Integer> sent = ext.get("bw:sent").flatMap(BroadcastReport::count);
        Optional<Integer> failed = ext.get("bw:failed").flatMap(BroadcastReport::count);
        Optional<Integer> unsubscribed = ext.get("bw:unsubscribed").flatMap(BroadcastReport::count);
        Instant updated = object.core().updated();
        if (state.isEmpty() || sent.isEmpty() || failed.isEmpty() || unsubscribed.isEmpty() || updated == null) {
            return Optional.empty();
        }
        return Optional.of(new BroadcastReport(
                state.get(), new RelayCounts(sent.get(), failed.get(), unsubscribed.get()), updated));
    }

    /** Whether an {@code Add}'s object says it is a broadcast report (well-formed or not). */
    public static boolean isOne(AsObject object) {
        return object.core().types().stream().anyMatch(t -> t.equals(TYPE) || t.endsWith("branchwork#BroadcastReport"));
    }

    private static Optional<Integer> count(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToInt() ? Optional.of(n.asInt()) : Optional.empty();
    }

    /** Writes the report into an {@code Add}'s JSON as its object. */
    public ObjectNode addTo(ObjectNode add) {
        add.putObject("object")
                .put("type", TYPE)
                .put("bw:relayState", state.code())
                .put("bw:sent", counts.sent())
                .put("bw:failed", counts.failed())
                .put("bw:unsubscribed", counts.unsubscribed())
                .put("updated", updated.toString());
        return add;
    }
}
