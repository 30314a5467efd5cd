package org.branchwork.protocol.vocab;

import java.util.Map;
import java.util.Optional;

/**
 * A natural-language value: the plain value ({@code content}) and/or its language map
 * ({@code contentMap}). Peers send either or both.
 */
public record LanguageText(String value, Map<String, String> byLanguage) {

    public LanguageText {
        byLanguage = byLanguage == null ? Map.of() : Map.copyOf(byLanguage);
    }

    public static LanguageText of(String value) {
        return new LanguageText(value, Map.of());
    }

    /** The plain value, or else the first language-tagged one. */
    public Optional<String> best() {
        if (value != null) {
            return Optional.of(value);
        }
        return byLanguage.values().stream().findFirst();
    }

    public boolean isEmpty() {
        return value == null && byLanguage.isEmpty();
    }
}
