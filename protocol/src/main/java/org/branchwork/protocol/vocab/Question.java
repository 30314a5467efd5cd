package org.branchwork.protocol.vocab;

import java.time.Instant;
import java.util.List;

/**
 * A {@code Question} (a poll or consultation): either {@code oneOf} (single choice) or
 * {@code anyOf} (multiple choice) is non-empty.
 */
public record Question(
        ObjectCore core, List<Choice> oneOf, List<Choice> anyOf, Instant endTime, Instant closed, Integer votersCount)
        implements AsObject {

    public Question {
        oneOf = List.copyOf(oneOf);
        anyOf = List.copyOf(anyOf);
    }

    /** One option: its {@code name} and the {@code replies.totalItems} count, when given. */
    public record Choice(String name, Long votes) {}
}
