package org.branchwork.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;

import org.branchwork.node.Node;
import org.branchwork.node.config.NodeConfigLoader;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.ActorType;
import org.branchwork.protocol.vocab.Endpoints;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.PublicKeyInfo;

/** What the load programs share: a real node in-process, the peers' actor documents, waiting on the node. */
final class BenchNodes {

    /** The admin token of the nodes started with {@link #FEDERATING}. */
    static final String TOKEN = "bench-admin-token-0123456789";

    /** Peers on loopback are private addresses, which a node refuses to fetch unless told otherwise. */
    static final Map<String, String> FEDERATING =
            Map.of("BRANCHWORK_ADMIN_TOKEN", TOKEN, "BRANCHWORK_ALLOW_PRIVATE_ADDRESSES", "true");

    private BenchNodes() {}

    /** A branch node on a free loopback port and {@code data}, configured as an operator would, plus {@code extra}. */
    static Node start(Path data, String slug, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("BRANCHWORK_PORT", "0");
        env.put("BRANCHWORK_HOST", "127.0.0.1");
        env.put("BRANCHWORK_DATA_DIR", data.toString());
        env.put("BRANCHWORK_BRANCH_SLUG", slug);
        env.putAll(extra);
        return Node.start(new NodeConfigLoader(env, List.of()).load());
    }

    static URI inbox(Node node) {
        return URI.create("http://localhost:" + node.port() + "/inbox");
    }

    static URI group(Node node, String slug) {
        return URI.create("http://localhost:" + node.port() + "/groups/" + slug);
    }

    static HttpClient client(Executor executor) {
        return HttpClient.newBuilder()
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Posts an announcement through the API as the admin of a {@link #FEDERATING} node. */
    static <T> HttpResponse<T> announce(
            HttpClient client, Node node, String content, HttpResponse.BodyHandler<T> answer)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/api/v1/announcements"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"content\": \"" + content + "\"}"))
                        .build(),
                answer);
    }

    /** A remote Person whose one key is {@code pem}, with its inbox at {@code id/inbox}. */
    static String person(ActivityCodec codec, URI id, String name, Endpoints endpoints, String pem) {
        return codec.write(new Actor(
                ObjectCore.of(id, "Person"),
                ActorType.PERSON,
                name,
                URI.create(id + "/inbox"),
                null,
                null,
                null,
                null,
                endpoints,
                List.of(new PublicKeyInfo(URI.create(id + "#main-key"), id, pem)),
                List.of(),
                false,
                null));
    }

    /** Answers with an ActivityPub document, or a bodiless 404 where there is none. */
    static void answer(HttpExchange exchange, byte[] doc) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/activity+json");
        exchange.sendResponseHeaders(doc == null ? 404 : 200, doc == null ? -1 : doc.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (doc != null) {
                out.write(doc);
            }
        }
    }

    /**
     * Polls every {@code pollMillis} until {@code done}; past {@code limit} fails with {@code state},
     * so that a run that cannot finish says how far it got instead of hanging.
     */
    static void await(BooleanSupplier done, Duration limit, long pollMillis, Supplier<String> state)
            throws InterruptedException {
        Instant start = Instant.now();
        while (!done.getAsBoolean()) {
            if (Duration.between(start, Instant.now()).compareTo(limit) > 0) {
                throw new IllegalStateException(state.get());
            }
            Thread.sleep(pollMillis);
        }
    }
}
