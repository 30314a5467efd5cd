package org.branchwork.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpServer;

import org.branchwork.node.Node;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.sig.HttpSignatureSigner;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.sig.SignableRequest;
import org.branchwork.protocol.sig.SigningKey;
import org.branchwork.protocol.vocab.Endpoints;

/**
 * Inbox throughput: a real node in-process, a key server for {@code actors} remote actors on
 * loopback, and {@code requests} activities signed before the timed run (RFC 9421, distinct ids,
 * round-robin over the actors), posted with {@code concurrency} requests in flight. Reports
 * accepted per second and latency percentiles; checks that every activity was stored.
 *
 * <p>Usage: {@code InboxLoad [requests=10000] [actors=100] [concurrency=64] [wrk-file]}. With a
 * fourth argument the timed requests are not sent from this JVM but written to that file for
 * {@code wrk} (see {@code run-inbox-wrk.sh}, {@code inbox.lua}), and the node serves until this
 * process's standard input closes; then it reports how many activities it stored.
 */
public final class InboxLoad {

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int actorCount = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path data = Files.createTempDirectory("branchwork-inbox-bench");
        ActivityCodec codec = new ActivityCodec();

        // Remote actors and the server that publishes their keys.
        Map<String, String> actorDocs = new ConcurrentHashMap<>();
        HttpServer keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        keys.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        keys.createContext("/users/", exchange -> {
            String doc = actorDocs.get(exchange.getRequestURI().getPath());
            BenchNodes.answer(exchange, doc == null ? null : doc.getBytes(StandardCharsets.UTF_8));
        });
        keys.start();
        String peer = "http://127.0.0.1:" + keys.getAddress().getPort();
        SecureRandom random = new SecureRandom();
        List<SigningKey> signers = new ArrayList<>();
        for (int i = 0; i < actorCount; i++) {
            KeyPair pair = KeyPairs.generateRsa(random);
            URI id = URI.create(peer + "/users/a" + i);
            actorDocs.put(
                    id.getPath(),
                    BenchNodes.person(codec, id, "a" + i, Endpoints.NONE, Pem.writePublicKey(pair.getPublic())));
            signers.add(new SigningKey(id + "#main-key", pair.getPrivate()));
        }

        Node node = BenchNodes.start(data, "bench", Map.of("BRANCHWORK_ALLOW_PRIVATE_ADDRESSES", "true"));
        URI inbox = BenchNodes.inbox(node);
        try {
            System.out.printf("signing %d requests from %d actors...%n", requests, actorCount);
            HttpSignatureSigner signer = new HttpSignatureSigner();
            Instant now = Instant.now();
            List<Signed> signedRequests = IntStream.range(0, requests)
                    .parallel()
                    .mapToObj(i -> {
                        SigningKey key = signers.get(i % actorCount);
                        String actor = key.keyId().substring(0, key.keyId().indexOf('#'));
                        byte[] body = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor
                                        + "/activities/" + i
                                        + "\",\"type\":\"Create\",\"actor\":\"" + actor + "\",\"object\":{\"id\":\""
                                        + actor + "/notes/" + i
                                        + "\",\"type\":\"Note\",\"attributedTo\":\"" + actor
                                        + "\",\"content\":\"<p>Benchmark note " + i
                                        + "</p>\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]}}")
                                .getBytes(StandardCharsets.UTF_8);
                        return new Signed(
                                signer.signRfc9421(
                                        SignableRequest.of("POST", inbox)
                                                .withHeader("Content-Type", "application/activity+json"),
                                        body,
                                        key,
                                        now),
                                body);
                    })
                    .toList();
            List<HttpRequest> prepared = signedRequests.stream()
                    .map(r -> {
                        HttpRequest.Builder b =
                                HttpRequest.newBuilder(inbox).POST(HttpRequest.BodyPublishers.ofByteArray(r.body()));
                        r.request().headers().forEach((name, values) -> {
                            if (!name.equals("host")) {
                                b.header(name, String.join(", ", values));
                            }
                        });
                        return b.build();
                    })
                    .toList();

            HttpClient client = BenchNodes.client(Executors.newVirtualThreadPerTaskExecutor());
            // Warm-up: the node fetches each actor's key once (cached afterwards); not timed.
            run(client, prepared.subList(0, Math.min(actorCount, requests)), concurrency);
            List<HttpRequest> timed = prepared.subList(Math.min(actorCount, requests), requests);
            if (args.length > 3) {
                serveForWrk(node, signedRequests.subList(Math.min(actorCount, requests), requests), Path.of(args[3]));
                return;
            }
            System.out.printf("posting %d requests, %d in flight...%n", timed.size(), concurrency);
            long start = System.nanoTime();
            long[] latencies = run(client, timed, concurrency);
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            long stored = node.inspect().inboxCount();
            System.out.printf(
                    "accepted %d in %.2f s: %.0f activities/s; latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                            + "stored %d of %d%n",
                    timed.size(),
                    seconds,
                    timed.size() / seconds,
                    latencies[latencies.length / 2] / 1e6,
                    latencies[(int) (latencies.length * 0.99)] / 1e6,
                    latencies[latencies.length - 1] / 1e6,
                    stored,
                    requests);
        } finally {
            node.close();
            keys.stop(0);
        }
    }

    /** A request signed ahead of the run, and its body. */
    private record Signed(SignableRequest request, byte[] body) {}

    /**
     * Writes the requests for {@code inbox.lua} (per request: {@code H<tab>name<tab>value} lines,
     * a {@code B<tab>body} line, an {@code E} line): the first half to {@code file.warmup}, for a
     * run that is not timed (so that the JIT has compiled the inbox path, as on a node that has
     * been up for a while), the rest to {@code file}. Says {@code READY port}; at each line read
     * from standard input waits until handling has caught up, then says {@code MARK} with the
     * count stored so far; when standard input closes, reports how many activities were stored
     * since the last mark and how long handling took to catch up with them.
     */
    private static void serveForWrk(Node node, List<Signed> requests, Path file) throws IOException {
        int warmup = requests.size() / 2;
        writeForWrk(requests.subList(0, warmup), Path.of(file + ".warmup"));
        writeForWrk(requests.subList(warmup, requests.size()), file);
        long mark = node.inspect().inboxCount();
        long handledMark = node.inspect().inboxHandledCount();
        System.out.println("READY " + node.port() + " " + warmup + " " + (requests.size() - warmup));
        System.out.flush();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // The warm-up's handling still running would take CPU from the timed run: wait for it.
            long caughtUp = System.nanoTime();
            awaitHandled(node, node.inspect().inboxCount());
            System.out.printf(
                    "handling caught up with the warm-up %.1f s after it ended%n",
                    (System.nanoTime() - caughtUp) / 1e9);
            mark = node.inspect().inboxCount();
            handledMark = node.inspect().inboxHandledCount();
            System.out.println("MARK " + mark);
            System.out.flush();
        }
        long stored = node.inspect().inboxCount();
        long ended = System.nanoTime();
        System.out.printf(
                "stored %d activities from wrk since the mark (%d prepared)%n",
                stored - mark, requests.size() - warmup);
        // Handling runs behind accepting when a burst outpaces it; how long until it has caught up?
        awaitHandled(node, stored);
        System.out.printf(
                "handled all %d %.1f s after input closed (the script closes it 1 s after wrk ends)%n",
                node.inspect().inboxHandledCount() - handledMark, (System.nanoTime() - ended) / 1e9);
    }

    /** Waits (at most 10 minutes) until the node has handled {@code stored} activities. */
    private static void awaitHandled(Node node, long stored) {
        long deadline = System.nanoTime() + 600_000_000_000L;
        while (node.inspect().inboxHandledCount() < stored && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void writeForWrk(List<Signed> requests, Path file) throws IOException {
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Signed r : requests) {
                for (var h : r.request().headers().entrySet()) {
                    if (!h.getKey().equals("host")) {
                        out.write("H\t" + h.getKey() + "\t" + String.join(", ", h.getValue()) + "\n");
                    }
                }
                out.write("B\t" + new String(r.body(), StandardCharsets.UTF_8) + "\nE\n");
            }
        }
    }

    private static long[] run(HttpClient client, List<HttpRequest> requests, int concurrency) throws Exception {
        long[] latencies = new long[requests.size()];
        Semaphore inFlight = new Semaphore(concurrency);
        AtomicInteger failures = new AtomicInteger();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < requests.size(); i++) {
                inFlight.acquire();
                int n = i;
                pool.submit(() -> {
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> res = client.send(requests.get(n), HttpResponse.BodyHandlers.discarding());
                        if (res.statusCode() != 202) {
                            failures.incrementAndGet();
                        }
                    } catch (IOException | InterruptedException e) {
                        failures.incrementAndGet();
                    } finally {
                        latencies[n] = System.nanoTime() - t0;
                        inFlight.release();
                    }
                });
            }
        }
        if (failures.get() > 0) {
            System.out.printf("%d requests were not accepted%n", failures.get());
        }
        return latencies;
    }
}
