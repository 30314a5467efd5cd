package org.branchwork.node.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.web.Problem;

/** Reading API request bodies: a JSON object of bounded size, or a problem sent to the client. */
final class ApiJson {

    static final ObjectMapper JSON = new ObjectMapper();

    private ApiJson() {
    }

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
            new Problem(413, "body_too_large", "Content too large", "The body may be at most " + maxBytes + " bytes.").send(res);
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
        Problem.badRequest("invalid_json", "The body must be a JSON object: " + expected + ".").send(res);
        return Optional.empty();
    }
}
