package org.branchwork.node.web;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.BadRequestException;
import io.helidon.webserver.http.ServerRequest;

/** Reading HTML form submissions ({@code application/x-www-form-urlencoded}). */
public final class Forms {

    private Forms() {}

    /**
     * The submitted fields; a body of another type is a 400, never silently an empty form. An empty
     * body is an empty form (every field missing, which each form then reports), not a failure.
     */
    public static Parameters read(ServerRequest req) {
        if (!req.content().hasEntity() || req.headers().contentLength().orElse(-1) == 0) {
            return Parameters.empty("form");
        }
        boolean isForm = req.headers()
                .contentType()
                .map(type -> type.test(MediaTypes.APPLICATION_FORM_URLENCODED))
                .orElse(false);
        if (!isForm) {
            throw new BadRequestException("Expected a form submission (application/x-www-form-urlencoded).");
        }
        return req.content().as(Parameters.class);
    }

    /** One field's value, or empty when it was not sent. */
    public static String field(Parameters form, String name) {
        return form.first(name).orElse("");
    }
}
