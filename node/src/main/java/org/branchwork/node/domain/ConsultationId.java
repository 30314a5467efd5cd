package org.branchwork.node.domain;

import java.util.UUID;

/** The id of a consultation: a UUID, which also forms its public IRI ({@code /consultations/{uuid}}). */
public record ConsultationId(String value) {

    public static ConsultationId random() {
        return new ConsultationId(UUID.randomUUID().toString());
    }

    /** Parses an id from a URL segment; throws {@link IllegalArgumentException} for anything but a UUID. */
    public static ConsultationId parse(String text) {
        return new ConsultationId(UUID.fromString(text).toString());
    }
}
