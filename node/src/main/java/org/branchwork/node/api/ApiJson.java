package org.branchwork.node.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.http.Problem;

/** Reading API request bodies: a JSON object of bounded size, or a problem sent to the client. */
final class ApiJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private ApiJson() {}

    /**
     * The body as a JSON object; empty after answering 413 (larger than {@code maxBytes}) or 400
     * (not a JSON object, with {@code expected} saying what to send).
     */
    static Optional<JsonNode> object(ServerRequest req, ServerResponse res, int maxBytes, String expected) {
        byte[] bytes;
        try (InputStream in = req.content().inputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            bytes = new byte[0];
        }
        if (bytes.length > maxBytes) {
            new Problem(413, "body_too_large", "Content too large", "The body may be at most " + maxBytes + " bytes.")
                    .send(res);
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(bytes);
            if (node != null && node.isObject()) {
                return Optional.of(node);
            }
        } catch (IOException e) {
            // answered below
        }
        Problem.badRequest("invalid_json", "The body must be a JSON object: " + expected + ".")
                .send(res);
        return Optional.empty();
    }

    /** Sends a JSON document with a status. */
    static void send(ServerResponse res, io.helidon.http.Status status, com.fasterxml.jackson.databind.JsonNode body) {
        res.status(status);
        res.headers().set(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/json");
        res.headers().set(io.helidon.http.HeaderNames.CACHE_CONTROL, "no-store");
        res.send(body.toString());
    }

    /** 422 naming every field that failed, in RFC 9457 form with an {@code errors} extension. */
    static void invalid(
            ServerResponse res,
            String title,
            String code,
            java.util.List<org.branchwork.node.service.FieldError> fieldErrors) {
        com.fasterxml.jackson.databind.node.ObjectNode problem = JSON.createObjectNode()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", 422)
                .put("code", code)
                .put("detail", fieldErrors.get(0).message());
        com.fasterxml.jackson.databind.node.ArrayNode errors = problem.putArray("errors");
        fieldErrors.forEach(e -> errors.addObject().put("field", e.field()).put("message", e.message()));
        res.status(io.helidon.http.Status.UNPROCESSABLE_CONTENT_422);
        res.headers().set(io.helidon.http.HeaderNames.CONTENT_TYPE, "application/problem+json");
        res.send(problem.toString());
    }

    /** A text field of the body, or null when absent or JSON null; anything else than text is read as its text form. */
    static String text(com.fasterxml.jackson.databind.JsonNode body, String field) {
        com.fasterxml.jackson.databind.JsonNode n = body.get(field);
        return n == null || n.isNull() ? null : n.asText();
    }

    /** A page number or size from the query (see {@link org.branchwork.node.domain.PageNumber}), or {@code fallback}. */
    static int intParam(ServerRequest req, String name, int fallback) {
        return req.query()
                .first(name)
                .map(org.branchwork.node.domain.PageNumber::parse)
                .orElse(fallback);
    }
}
