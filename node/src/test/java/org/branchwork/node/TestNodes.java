package org.branchwork.node;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.config.NodeConfigLoader;
import org.branchwork.node.storage.Database;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.node.testing.Await;
import org.branchwork.node.testing.Http;
import org.branchwork.node.testing.TemplateDatabase;

/**
 * Starting real nodes on free loopback ports, and talking to them over HTTP, for tests. A node
 * started on a new data folder finds a migrated database there ({@link TemplateDatabase}).
 */
public final class TestNodes {

    /** The admin token of the nodes {@link #federating} starts. */
    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";

    private TestNodes() {}

    /** The environment of a branch node that federates over loopback, with the API token set. */
    public static Map<String, String> federatingEnvironment(String slug) {
        return Map.of(
                "BRANCHWORK_BRANCH_SLUG",
                slug,
                "BRANCHWORK_ADMIN_TOKEN",
                ADMIN_TOKEN,
                "BRANCHWORK_ALLOW_PRIVATE_ADDRESSES",
                "true");
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
        return start(config(dataDir, extraEnvironment));
    }

    /** A node whose every time-dependent rule reads {@code clock}. */
    public static Node start(Path dataDir, Map<String, String> extraEnvironment, java.time.Clock clock) {
        NodeConfig config = config(dataDir, extraEnvironment);
        seed(config);
        return Node.start(config, clock);
    }

    /** Starts a node on this configuration, on the template database when its data folder has none yet. */
    public static Node start(NodeConfig config) {
        seed(config);
        return Node.start(config);
    }

    private static void seed(NodeConfig config) {
        if (Database.isFileDatabase(config.jdbcUrl())) {
            TemplateDatabase.seed(config.dataDir());
        }
    }

    /**
     * Waits until the node has nothing due in the background ({@link NodeInspector#quiescent()}):
     * what a test waits on before asserting that something did not happen, instead of a sleep.
     */
    public static void awaitQuiescent(Node node) {
        Await.until(
                "node on port " + node.port() + " has nothing due",
                () -> node.inspect().quiescent());
    }

    /** The node's API with the admin token. */
    public static ApiClient api(Node node) {
        return ApiClient.onPort(node.port(), ADMIN_TOKEN);
    }

    public static HttpResponse<String> get(Node node, String path) {
        return send(HttpRequest.newBuilder(uri(node, path))
                .header("Accept", "text/html")
                .GET()
                .build());
    }

    public static HttpResponse<String> postForm(Node node, String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(uri(node, path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Http.form(fields))
                .build());
    }

    public static HttpResponse<String> send(HttpRequest request) {
        return Http.send(request);
    }

    public static URI uri(Node node, String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }
}
