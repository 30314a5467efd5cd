package org.branchwork.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.branchwork.node.Node;

/** A node's JSON API as its operator uses it: the admin token of {@link BenchNodes#FEDERATING}. */
final class BenchApi {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI origin;

    BenchApi(Node node) {
        this.origin = URI.create("http://localhost:" + node.port());
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String accept) throws Exception {
        return client.send(request(path).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws Exception {
        return client.send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs and reads the answer as JSON, failing on any status but {@code expected}. */
    JsonNode post(String path, String json, int expected) throws Exception {
        HttpResponse<String> res = post(path, json);
        if (res.statusCode() != expected) {
            throw new IllegalStateException("POST " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return JSON.readTree(res.body());
    }

    /** GETs JSON, failing on anything but 200. */
    JsonNode json(String path) throws Exception {
        HttpResponse<String> res = get(path);
        if (res.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + res.statusCode() + ": " + res.body());
        }
        return JSON.readTree(res.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(origin.resolve(path)).header("Authorization", "Bearer " + BenchNodes.TOKEN);
    }

    /** A ranked (STV) binding consultation of {@link Rankings#OPTIONS}, open now for a day; its Question id. */
    String createRanked(int seats) throws Exception {
        StringBuilder options = new StringBuilder();
        for (String o : Rankings.OPTIONS) {
            options.append(options.isEmpty() ? "" : ",").append('"').append(o).append('"');
        }
        return post(
                        "/api/v1/consultations",
                        "{\"title\":\"Where should the branch put its effort next year?\",\"content\":\"Rank the"
                                + " campaigns you would work on, **most wanted first**.\",\"options\":[" + options
                                + "],\"method\":\"ranked\",\"seats\":" + seats + ",\"kind\":\"binding\",\"closesAt\":\""
                                + java.time.Instant.now().plusSeconds(86_400) + "\"}",
                        201)
                .get("id")
                .asText();
    }

    static String uuid(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }
}
