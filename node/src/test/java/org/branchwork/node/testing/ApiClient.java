package org.branchwork.node.testing;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The node's JSON API at {@code /api/v1}, called with a bearer token (the admin's, as tests start nodes). */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;

    public ApiClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The API of the node listening on {@code port} on 127.0.0.1. */
    public static ApiClient onPort(int port, String token) {
        return new ApiClient(URI.create("http://127.0.0.1:" + port), token);
    }

    public HttpResponse<String> get(String path) {
        return call("GET", path, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return call("POST", path, json);
    }

    public HttpResponse<String> patch(String path, String json) {
        return call("PATCH", path, json);
    }

    public HttpResponse<String> delete(String path) {
        return call("DELETE", path, null);
    }

    /** A request with the token; {@code json} null sends no body and no Content-Type. */
    public HttpResponse<String> call(String method, String path, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token);
        b = json == null
                ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(json));
        return Http.send(b.build());
    }

    /** The body read as JSON, for asserting on fields rather than on text. */
    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** A JSON object with one string field, escaped as JSON requires. */
    public static String object(String field, String value) {
        return JSON.createObjectNode().put(field, value).toString();
    }
}
