package org.branchwork.node.federation.local;

import java.nio.charset.StandardCharsets;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Content negotiation and sending of ActivityStreams documents. */
public final class ActivityJson {

    public static final HttpMediaType ACTIVITY_JSON =
            HttpMediaType.create("application/activity+json").withCharset(StandardCharsets.UTF_8);

    private ActivityJson() {}

    /**
     * Whether the client asks for ActivityStreams JSON: {@code application/activity+json}, or
     * {@code application/ld+json} (with or without the AS profile). Browsers get HTML.
     */
    public static boolean wanted(ServerRequest req) {
        String accept = req.headers().value(HeaderNames.ACCEPT).orElse("");
        return accept.contains("application/activity+json") || accept.contains("application/ld+json");
    }

    public static void send(ServerResponse res, String json) {
        send(res, Status.OK_200, json);
    }

    /** Sends a document with another status (a {@code Tombstone} with 410). */
    public static void send(ServerResponse res, Status status, String json) {
        res.status(status);
        res.headers().contentType(ACTIVITY_JSON);
        res.headers().set(HeaderNames.VARY, "Accept");
        res.headers().set(HeaderNames.CACHE_CONTROL, "max-age=60");
        res.send(json);
    }
}
