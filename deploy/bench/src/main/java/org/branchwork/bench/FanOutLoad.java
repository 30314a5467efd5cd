package org.branchwork.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.branchwork.node.Node;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.sig.SigningKey;
import org.branchwork.protocol.vocab.Endpoints;

/**
 * Fan-out: {@code hosts} peer servers on loopback ports, {@code perHost} followers on each (all
 * advertising their server's shared inbox), following a real node; then one announcement, timed
 * until every server has it. Also reports how long the node took to deliver the followers'
 * {@code Accept}s (one per follower, to each follower's own inbox).
 *
 * <p>Usage: {@code FanOutLoad [hosts=100] [perHost=100]}
 */
public final class FanOutLoad {

    public static void main(String[] args) throws Exception {
        int hostCount = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int perHost = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        ActivityCodec codec = new ActivityCodec();
        SecureRandom random = new SecureRandom();
        AtomicInteger accepts = new AtomicInteger();
        AtomicInteger creates = new AtomicInteger();
        List<HttpServer> servers = new ArrayList<>();
        List<SigningKey> followers = new ArrayList<>();
        Path data = Files.createTempDirectory("branchwork-fanout-bench");
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

        for (int h = 0; h < hostCount; h++) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(executor);
            String origin = "http://127.0.0.1:" + server.getAddress().getPort();
            KeyPair pair = KeyPairs.generateRsa(random); // one key per server, published by each of its actors
            String pem = Pem.writePublicKey(pair.getPublic());
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                byte[] in = exchange.getRequestBody().readAllBytes();
                if (exchange.getRequestMethod().equals("POST")) {
                    String body = new String(in, StandardCharsets.UTF_8);
                    if (body.contains("\"type\":\"Accept\"")) {
                        accepts.incrementAndGet();
                    } else if (body.contains("\"type\":\"Create\"")) {
                        creates.incrementAndGet();
                    }
                    exchange.sendResponseHeaders(202, -1);
                    exchange.close();
                    return;
                }
                byte[] doc = BenchNodes.person(
                                codec,
                                URI.create(origin + path),
                                path.substring(7),
                                new Endpoints(URI.create(origin + "/inbox"), Map.of()),
                                pem)
                        .getBytes(StandardCharsets.UTF_8);
                BenchNodes.answer(exchange, doc);
            });
            server.start();
            servers.add(server);
            for (int a = 0; a < perHost; a++) {
                followers.add(new SigningKey(origin + "/users/u" + a + "#main-key", pair.getPrivate()));
            }
        }

        Node node = BenchNodes.start(data, "national", BenchNodes.FEDERATING);
        try {
            URI inbox = BenchNodes.inbox(node);
            URI group = BenchNodes.group(node, "national");
            HttpClient client = BenchNodes.client(executor);
            System.out.printf("%d followers on %d servers follow the node...%n", followers.size(), hostCount);
            Instant followStart = Instant.now();
            Semaphore inFlight = new Semaphore(32);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (SigningKey key : followers) {
                    inFlight.acquire();
                    pool.submit(() -> {
                        try {
                            SignedFollows.send(client, key, inbox, group);
                        } catch (Exception e) {
                            System.out.println("follow failed: " + e);
                        } finally {
                            inFlight.release();
                        }
                    });
                }
            }
            BenchNodes.await(
                    () -> node.inspect().followerCount() >= followers.size() && accepts.get() >= followers.size(),
                    Duration.ofMinutes(10),
                    20,
                    () -> "followers: " + node.inspect().followerCount() + ", accepts: " + accepts.get());
            double followSeconds = Duration.between(followStart, Instant.now()).toMillis() / 1000.0;
            System.out.printf(
                    "all %d follows stored and their Accepts delivered in %.1f s (%.0f Accepts/s end to end)%n",
                    followers.size(), followSeconds, followers.size() / followSeconds);

            Instant posted = Instant.now();
            HttpResponse<String> res =
                    BenchNodes.announce(client, node, "Fan-out benchmark", HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 201) {
                throw new IllegalStateException("announcement refused: " + res.body());
            }
            while (creates.get() < hostCount) {
                Thread.sleep(5);
            }
            double fanOutSeconds = Duration.between(posted, Instant.now()).toMillis() / 1000.0;
            System.out.printf(
                    "one announcement reached all %d servers (%d followers, shared inboxes) in %.3f s; "
                            + "%d Create deliveries in all%n",
                    hostCount, followers.size(), fanOutSeconds, creates.get());
        } finally {
            node.close();
            servers.forEach(s -> s.stop(0));
            executor.close();
        }
    }
}
