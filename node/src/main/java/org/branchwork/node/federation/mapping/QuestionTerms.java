package org.branchwork.node.federation.mapping;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.VotingMethod;
import org.branchwork.protocol.vocab.Question;

/**
 * What a received {@code Question} says as a consultation: its title ({@code name}), its Markdown
 * ({@code source}, else the text of {@code content}), the options ({@code oneOf} or
 * {@code anyOf}), and our terms ({@link ConsultationMapper}). A plain poll (Mastodon's) has none of
 * them and reads as single choice ({@code oneOf}) or approval of any number ({@code anyOf}),
 * advisory, open from its {@code published} time, with the cut-off at the opening.
 */
public record QuestionTerms(
        String title,
        String markdown,
        String html,
        List<String> options,
        VotingMethod method,
        Consultation.Kind kind,
        Instant opensAt,
        Instant closesAt,
        Instant electorateCutoff,
        Double quorum) {

    /** The terms; empty when there are no options, no end, or a term is malformed. */
    public static Optional<QuestionTerms> read(Question q) {
        boolean any = !q.anyOf().isEmpty();
        List<String> options = (any ? q.anyOf() : q.oneOf())
                .stream().map(Question.Choice::name).toList();
        Instant closes = q.endTime() != null ? q.endTime() : q.closed();
        if (options.isEmpty() || closes == null) {
            return Optional.empty();
        }
        var ext = q.core().extensions();
        try {
            String code = ext.text("bw:method").orElse(any ? "approval" : "single");
            VotingMethod method = switch (code) {
                case "approval" ->
                    new VotingMethod.Approval(ext.get("bw:maxChoices")
                            .filter(JsonNode::canConvertToInt)
                            .map(JsonNode::asInt)
                            .orElse(options.size()));
                case "ranked" ->
                    new VotingMethod.Ranked(ext.get("bw:seats")
                            .filter(JsonNode::canConvertToInt)
                            .map(JsonNode::asInt)
                            .orElse(1));
                case "single" -> new VotingMethod.Single();
                default -> null;
            };
            if (method == null) {
                return Optional.empty();
            }
            Consultation.Kind kind =
                    Consultation.Kind.fromCode(ext.text("bw:kind").orElse("advisory"));
            Instant published = q.core().published();
            Instant opens = ext.text("bw:opensAt")
                    .map(Instant::parse)
                    .orElse(published != null ? published : closes.minusSeconds(1));
            Instant cutoff = ext.text("bw:electorateCutoff").map(Instant::parse).orElse(opens);
            Double quorum = ext.get("bw:quorum")
                    .filter(JsonNode::isNumber)
                    .map(JsonNode::asDouble)
                    .filter(v -> v > 0 && v <= 1)
                    .orElse(null);
            String markdown = ext.get("source")
                    .filter(s -> s.path("mediaType").asText("").equals("text/markdown"))
                    .map(s -> s.path("content"))
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::asText)
                    .orElse(null);
            String html = q.core().content().best().orElse("");
            String title = q.core().name().best().filter(s -> !s.isBlank()).orElse(options.getFirst());
            return Optional.of(new QuestionTerms(
                    title.strip(), markdown, html, options, method, kind, opens, closes, cutoff, quorum));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
