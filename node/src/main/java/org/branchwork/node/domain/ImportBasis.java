package org.branchwork.node.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * On what basis the people in an import may be contacted, as the organiser states it before the
 * rows go in (UK GDPR: the branch must be able to say where each consent came from).
 */
public enum ImportBasis {
    /** The file's consent column records each person's own agreement. */
    COLUMN("the file's consent column, as the organiser stated"),
    /** Nobody in the file has agreed: none is contacted until they agree themselves. */
    NONE("no consent stated");

    private final String wording;

    ImportBasis(String wording) {
        this.wording = wording;
    }

    /** How the consent record names it. */
    public String wording() {
        return wording;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportBasis> fromCode(String code) {
        for (ImportBasis b : values()) {
            if (b.code().equals(code)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }
}
