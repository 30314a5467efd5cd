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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import org.branchwork.node.Node;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.sig.SigningKey;
import org.branchwork.protocol.vocab.Endpoints;

/**
 * Healthy hosts' delivery latency while one host stalls: {@code healthy} peer servers (10
 * followers each, on shared inboxes) and one server with {@code stalledFollowers} followers on
 * their own inboxes, which reads every POST and never answers. Then {@code rounds} announcements,
 * one after another, each timed until every healthy server has it.
 *
 * <p>Usage: {@code StalledHostLoad [healthy=20] [stalledFollowers=150] [rounds=20]}
 */
public final class StalledHostLoad {

    public static void main(String[] args) throws Exception {
        int healthyCount = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int stalledFollowers = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        ActivityCodec codec = new ActivityCodec();
        SecureRandom random = new SecureRandom();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        CountDownLatch release = new CountDownLatch(1);
        List<AtomicInteger> creates = new ArrayList<>();
        List<HttpServer> servers = new ArrayList<>();
        List<SigningKey> followers = new ArrayList<>();
        AtomicInteger accepts = new AtomicInteger();
        AtomicInteger held = new AtomicInteger();
        boolean[] stalling = {false};
        for (int h = 0; h <= healthyCount; h++) {
            boolean stalled = h == healthyCount;
            AtomicInteger received = new AtomicInteger();
            if (!stalled) {
                creates.add(received);
            }
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(executor);
            String origin = "http://127.0.0.1:" + server.getAddress().getPort();
            KeyPair pair = KeyPairs.generateRsa(random);
            String pem = Pem.writePublicKey(pair.getPublic());
            server.createContext("/", exchange -> {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                if (exchange.getRequestMethod().equals("POST")) {
                    if (body.contains("\"type\":\"Accept\"")) {
                        accepts.incrementAndGet();
                    } else if (stalled && stalling[0]) {
                        held.incrementAndGet();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    } else if (body.contains("\"type\":\"Create\"")) {
                        received.incrementAndGet();
                    }
                    exchange.sendResponseHeaders(202, -1);
                    exchange.close();
                    return;
                }
                Endpoints endpoints = stalled ? Endpoints.NONE : new Endpoints(URI.create(origin + "/inbox"), Map.of());
                byte[] doc = BenchNodes.person(codec, URI.create(origin + path), path.substring(7), endpoints, pem)
                        .getBytes(StandardCharsets.UTF_8);
                BenchNodes.answer(exchange, doc);
            });
            server.start();
            servers.add(server);
            for (int a = 0; a < (stalled ? stalledFollowers : 10); a++) {
                followers.add(new SigningKey(origin + "/users/u" + a + "#main-key", pair.getPrivate()));
            }
        }

        Path data = Files.createTempDirectory("branchwork-stalled-bench");
        Node node = BenchNodes.start(data, "national", BenchNodes.FEDERATING);
        try {
            URI inbox = BenchNodes.inbox(node);
            URI group = BenchNodes.group(node, "national");
            HttpClient client = BenchNodes.client(executor);
            for (SigningKey key : followers) {
                SignedFollows.send(client, key, inbox, group);
            }
            BenchNodes.await(
                    () -> accepts.get() >= followers.size(),
                    Duration.ofMinutes(5),
                    20,
                    () -> "accepts: " + accepts.get() + " of " + followers.size());
            stalling[0] = true;
            System.out.printf(
                    "%d healthy servers (%d followers), 1 stalled server (%d followers); %d rounds%n",
                    healthyCount, healthyCount * 10, stalledFollowers, rounds);
            List<Long> latencies = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                Instant posted = Instant.now();
                BenchNodes.announce(client, node, "Round " + round, HttpResponse.BodyHandlers.discarding());
                int expected = round;
                BenchNodes.await(
                        () -> creates.stream().allMatch(c -> c.get() >= expected),
                        Duration.ofSeconds(60),
                        2,
                        () -> "round " + expected + " did not reach every healthy host in 60 s");
                latencies.add(Duration.between(posted, Instant.now()).toMillis());
            }
            latencies.sort(null);
            System.out.printf(
                    "healthy hosts' latency while one stalls: p50 %d ms, p99 %d ms, max %d ms; the stalled host "
                            + "holds %d requests%n",
                    latencies.get(latencies.size() / 2),
                    latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
                    latencies.getLast(),
                    held.get());
        } finally {
            release.countDown();
            node.close();
            servers.forEach(s -> s.stop(0));
            executor.close();
        }
    }
}
