package org.branchwork.node.federation.mapping;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A branch's progress report on a campaign goal, as it travels: the embedded {@code bw:Goal} of an
 * {@code Add} to the campaign, naming the goal ({@code name}) and its progress
 * ({@code bw:goalProgress}, compacted or not).
 */
public record GoalReport(String goal, int progress) {

    /** The report in an {@code Add}'s embedded object; empty when it is not a well-formed one. */
    public static Optional<GoalReport> read(EmbeddedCopy object) {
        return object.json().flatMap(GoalReport::read);
    }

    private static Optional<GoalReport> read(JsonNode goal) {
        JsonNode progress = goal.has("bw:goalProgress") ? goal.get("bw:goalProgress") : goal.path("goalProgress");
        if (!goal.path("name").isTextual() || !progress.canConvertToInt()) {
            return Optional.empty();
        }
        return Optional.of(new GoalReport(goal.get("name").asText(), progress.asInt()));
    }

    /** Writes the report into an {@code Add}'s JSON as its object, marked as a progress report. */
    public ObjectNode addTo(ObjectNode add) {
        add.putObject("object").put("type", "bw:Goal").put("name", goal).put("bw:goalProgress", progress);
        add.put("bw:progressReport", true);
        return add;
    }
}
