package org.branchwork.node.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * An RFC 9457 problem: the error body of every API and inbox refusal. {@code code} is a stable
 * machine-readable reason (e.g. {@code bad_signature}); {@code detail} a sentence for people.
 */
public record Problem(int status, String code, String title, String detail) {

    public void send(ServerResponse res) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status);
        body.put("code", code);
        body.put("detail", detail);
        res.status(Status.create(status));
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body.toString());
    }

    public static Problem badRequest(String code, String detail) {
        return new Problem(400, code, "Bad request", detail);
    }

    public static Problem unauthorized(String code, String detail) {
        return new Problem(401, code, "Unauthorized", detail);
    }
}
