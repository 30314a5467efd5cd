package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.protocol.vocab.AsObject;

/**
 * What a received broadcast {@code Article} says in the project's terms: that it is one (its
 * {@code bw:audiencePurpose}, or the {@code bw:Broadcast} type), its subject ({@code name}), its
 * HTML {@code content}, the Markdown {@code source} when the sender gave one, and the optional
 * {@code bw:segment} hint.
 */
public record BroadcastTerms(String purpose, String subject, String html, String markdown, URI segment) {

    /** Whether the object is a broadcast at all: an Article with the broadcast type or purpose. */
    public static boolean isBroadcast(AsObject object) {
        return object.core().types().stream()
                        .anyMatch(t -> t.equals(BroadcastMapper.TYPE) || t.endsWith("branchwork#Broadcast"))
                || object.core().extensions().text("bw:audiencePurpose").isPresent();
    }

    /** The terms of a broadcast; empty when a subject or purpose is missing. */
    public static Optional<BroadcastTerms> read(AsObject object) {
        Optional<String> purpose = object.core().extensions().text("bw:audiencePurpose");
        Optional<String> subject = object.core().name().best();
        if (purpose.isEmpty() || subject.isEmpty() || subject.get().isBlank()) {
            return Optional.empty();
        }
        String markdown = object.core()
                .extensions()
                .get("source")
                .filter(s -> s.path("mediaType").asText("").equals("text/markdown"))
                .map(s -> s.path("content"))
                .filter(JsonNode::isTextual)
                .map(JsonNode::asText)
                .orElse("");
        URI segment = object.core()
                .extensions()
                .text("bw:segment")
                .map(BroadcastTerms::uri)
                .orElse(null);
        return Optional.of(new BroadcastTerms(
                purpose.get(),
                subject.get().strip(),
                object.core().content().best().orElse(""),
                markdown,
                segment));
    }

    private static URI uri(String text) {
        try {
            URI u = URI.create(text);
            return u.isAbsolute() && ("https".equals(u.getScheme()) || "http".equals(u.getScheme())) ? u : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
