package org.branchwork.node;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.config.NodeConfigLoader;

/** Starting real nodes on free loopback ports, and talking to them over HTTP, for tests. */
public final class TestNodes {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** The admin token of the nodes {@link #federating} starts. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private TestNodes() {
    }

    /** The environment of a branch node that federates over loopback, with the API token set. */
    public static Map<String, String> federatingEnvironment(String slug) {
        return Map.of("BRANCHWORK_BRANCH_SLUG", slug, "BRANCHWORK_ADMIN_TOKEN", ADMIN_TOKEN,
                "BRANCHWORK_ALLOW_PRIVATE_ADDRESSES", "true");
    }

    /** Starts a branch node that federates over loopback, on a free port. */
    public static Node federating(Path dataDir, String slug) {
        return start(dataDir, federatingEnvironment(slug));
    }

    /** Configuration as the operator would give it in the environment, on a free port and a given data folder. */
    public static NodeConfig config(Path dataDir, Map<String, String> extraEnvironment) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRANCHWORK_PORT", "0");
        env.put("BRANCHWORK_HOST", "127.0.0.1");
        env.put("BRANCHWORK_DATA_DIR", dataDir.toString());
        env.putAll(extraEnvironment);
        return new NodeConfigLoader(env, List.of()).load();
    }

    public static Node start(Path dataDir, Map<String, String> extraEnvironment) {
        return Node.start(config(dataDir, extraEnvironment));
    }

    /** A node whose every time-dependent rule reads {@code clock}. */
    public static Node start(Path dataDir, Map<String, String> extraEnvironment, java.time.Clock clock) {
        return Node.start(config(dataDir, extraEnvironment), clock);
    }

    public static HttpResponse<String> get(Node node, String path) {
        return send(HttpRequest.newBuilder(uri(node, path)).header("Accept", "text/html").GET().build());
    }

    public static HttpResponse<String> postForm(Node node, String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(node, path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static URI uri(Node node, String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }
}
