package org.branchwork.bench;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import org.branchwork.node.Node;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.Multikey;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.sig.SigningKey;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.ActorType;
import org.branchwork.protocol.vocab.Endpoints;
import org.branchwork.protocol.vocab.MultikeyInfo;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.PublicKeyInfo;

/**
 * The owner's total over many branch tallies: {@code branches} benchmark branch {@code Group}s on
 * one loopback server (one RSA key shared for HTTP signatures, to keep set-up short; each its own
 * Ed25519 proof key in its {@code assertionMethod}) follow a real owner node, take part in its
 * ranked binding consultation with a signed {@code Join}, and after its close each sends its final
 * tally: an {@code Add(bw:Tally)} with its own FEP-8b32 proof, its own distinct rankings (20 to 646
 * ballots, the branch's own leanings), HTTP-signed before the timed part. Timed: the tallies
 * through the inbox until each is handled (signature, proof, rules, stored), then the results
 * (the sum over every tally and its STV count) over the API, as the Question's ActivityPub document
 * and as {@code tallies.json}.
 */
final class OwnerTallies {

    private static final int IN_FLIGHT = 16;

    private OwnerTallies() {}

    static void run(Path data, int count) throws Exception {
        ActivityCodec codec = new ActivityCodec();
        SecureRandom random = new SecureRandom();
        KeyPair rsa = KeyPairs.generateRsa(random);
        String pem = Pem.writePublicKey(rsa.getPublic());
        Map<String, byte[]> actors = new ConcurrentHashMap<>();
        AtomicInteger delivered = new AtomicInteger();
        AtomicInteger fetched = new AtomicInteger();
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        String origin = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestMethod().equals("POST")) {
                delivered.incrementAndGet();
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
                return;
            }
            fetched.incrementAndGet();
            BenchNodes.answer(exchange, actors.get(exchange.getRequestURI().getPath()));
        });
        server.start();
        List<URI> ids = new ArrayList<>();
        List<SigningKey> httpKeys = new ArrayList<>();
        List<SigningKey> proofKeys = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            URI id = URI.create(origin + "/groups/b" + i);
            KeyPair ed = KeyPairs.generateEd25519(random);
            actors.put(
                    id.getPath(),
                    codec.write(new Actor(
                                    ObjectCore.of(id, "Group").withName("Branch " + i),
                                    ActorType.GROUP,
                                    "b" + i,
                                    URI.create(id + "/inbox"),
                                    null,
                                    null,
                                    null,
                                    null,
                                    new Endpoints(URI.create(origin + "/inbox"), Map.of()),
                                    List.of(new PublicKeyInfo(URI.create(id + "#main-key"), id, pem)),
                                    List.of(new MultikeyInfo(
                                            URI.create(id + "#ed25519-key"), id, Multikey.encode(ed.getPublic()))),
                                    false,
                                    null))
                            .getBytes(StandardCharsets.UTF_8));
            ids.add(id);
            httpKeys.add(new SigningKey(id + "#main-key", rsa.getPrivate()));
            proofKeys.add(new SigningKey(id + "#ed25519-key", ed.getPrivate()));
        }

        Node owner = BenchNodes.start(data, "national", BenchNodes.FEDERATING);
        try {
            BenchApi api = new BenchApi(owner);
            URI inbox = BenchNodes.inbox(owner);
            URI group = BenchNodes.group(owner, "national");
            HttpClient client = BenchNodes.client(executor);
            Instant setUp = Instant.now();
            send(client, executor, count, i -> {
                SignedFollows.send(client, httpKeys.get(i), inbox, group);
                return null;
            });
            BenchNodes.await(
                    () -> owner.inspect().followerCount() >= count,
                    Duration.ofMinutes(10),
                    20,
                    () -> "followers: " + owner.inspect().followerCount());
            String question = api.createRanked(2);
            String path = "/api/v1/consultations/" + BenchApi.uuid(question);
            send(client, executor, count, i -> {
                byte[] join = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + ids.get(i)
                                + "/activities/join\",\"type\":\"Join\",\"actor\":\"" + ids.get(i)
                                + "\",\"object\":\"" + question + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                return client.send(
                        SignedFollows.signed(httpKeys.get(i), inbox, join), HttpResponse.BodyHandlers.discarding());
            });
            BenchNodes.await(
                    () -> branchesIn(api, path) >= count,
                    Duration.ofMinutes(5),
                    50,
                    () -> "not every branch took part");
            api.post(path + "/close", "{}", 200);
            System.out.printf(
                    "%n%d branches follow the owner and took part (set-up %.1f s); the owner closed its consultation%n",
                    count, Duration.between(setUp, Instant.now()).toMillis() / 1000.0);

            // Each branch's final tally, proved and HTTP-signed before the clock starts.
            List<HttpRequest> tallies = new ArrayList<>();
            List<String> activityIds = new ArrayList<>();
            long ballots = 0;
            long bytes = 0;
            long lines = 0;
            Set<List<String>> distinct = new HashSet<>();
            for (int i = 0; i < count; i++) {
                Random r = new Random(1_000 + i);
                double[] leanings = Rankings.local(r);
                int cast = 20 + r.nextInt(627);
                Map<List<String>, Long> counts = new LinkedHashMap<>();
                for (int b = 0; b < cast; b++) {
                    counts.merge(Rankings.ballot(r, leanings), 1L, Long::sum);
                }
                distinct.addAll(counts.keySet());
                ballots += cast;
                lines += counts.size();
                ObjectNode t = BenchApi.JSON.createObjectNode();
                t.put("id", ids.get(i) + "/tallies/1")
                        .put("type", "bw:Tally")
                        .put("attributedTo", ids.get(i).toString())
                        .put("bw:consultation", question)
                        .put("bw:electorate", cast * 3L)
                        .put("bw:ballots", cast);
                ArrayNode lineArray = t.putArray("bw:counts");
                counts.forEach((ranking, n) -> {
                    ObjectNode line = lineArray.addObject();
                    ArrayNode names = line.putArray("bw:ranking");
                    ranking.forEach(names::add);
                    line.put("bw:ballots", n);
                });
                t.put("bw:receiptsHash", hex(r))
                        .put("bw:sequence", 1)
                        .put("bw:final", true)
                        .put("updated", Instant.now().toString());
                ObjectNode add = BenchApi.JSON.createObjectNode();
                add.putArray("@context")
                        .add("https://www.w3.org/ns/activitystreams")
                        .addObject()
                        .put("bw", "https://w3id.org/branchwork#");
                String activity = ids.get(i) + "/activities/tally-1";
                add.put("id", activity)
                        .put("type", "Add")
                        .put("actor", ids.get(i).toString())
                        .put("target", question);
                add.set("object", DataIntegrityProofs.sign(t, proofKeys.get(i), Instant.now()));
                byte[] body = BenchApi.JSON.writeValueAsBytes(add);
                bytes += body.length;
                tallies.add(SignedFollows.signed(httpKeys.get(i), inbox, body));
                activityIds.add(activity);
            }
            long handledBefore = owner.inspect().inboxHandledCount();
            int fetchedBefore = fetched.get();

            long start = System.nanoTime();
            AtomicInteger accepted = new AtomicInteger();
            send(client, executor, count, i -> {
                if (client.send(tallies.get(i), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 202) {
                    accepted.incrementAndGet();
                }
                return null;
            });
            long answered = System.nanoTime() - start;
            BenchNodes.await(
                    () -> owner.inspect().inboxHandledCount() >= handledBefore + count,
                    Duration.ofMinutes(5),
                    5,
                    () -> "handled: " + (owner.inspect().inboxHandledCount() - handledBefore));
            long handled = System.nanoTime() - start;
            int fetchedMeanwhile = fetched.get() - fetchedBefore;
            int kept = 0;
            for (String a : activityIds) {
                if (owner.inspect().inboxOutcome(a).orElse("").startsWith("tally 1 from")) {
                    kept++;
                }
            }
            if (accepted.get() != count || kept != count) {
                throw new IllegalStateException(accepted + " accepted and " + kept + " kept of " + count + ", e.g. "
                        + owner.inspect().inboxOutcome(activityIds.getFirst()));
            }
            System.out.printf(
                    "%n| %d signed final tallies (%,d ballots, %,d ranking lines, %,d distinct rankings, %,d KB) |"
                            + " time |%n| --- | ---: |%n| all answered 202 (%d in flight) | %s |%n"
                            + "| all handled: HTTP signature, FEP-8b32 proof, rules, stored | %s (%.0f tallies/s) |%n"
                            + "| branch actor documents the owner fetched meanwhile | %d |%n",
                    count,
                    ballots,
                    lines,
                    distinct.size(),
                    bytes / 1024,
                    IN_FLIGHT,
                    ConsultationLoad.ms(answered),
                    ConsultationLoad.ms(handled),
                    count / (handled / 1e9),
                    fetchedMeanwhile);

            JsonNode results = api.json(path);
            if (results.path("ballots").asLong() != ballots) {
                throw new IllegalStateException(
                        "the owner counts " + results.path("ballots") + " ballots, not " + ballots);
            }
            ConsultationLoad.timed("`GET /api/v1/consultations/{uuid}` (the total and its STV count)", 11, () -> {
                api.json(path);
            });
            ConsultationLoad.timed("the Question's ActivityPub document (counts the total too)", 11, () -> {
                if (api.get("/consultations/" + BenchApi.uuid(question), "application/activity+json")
                                .statusCode()
                        != 200) {
                    throw new IllegalStateException("the Question did not answer 200");
                }
            });
            long[] size = new long[1];
            ConsultationLoad.timed("`tallies.json` (every signed tally, for a re-count)", 5, () -> {
                size[0] = ConsultationLoad.HttpResult.of(
                                api.get("/consultations/" + BenchApi.uuid(question) + "/tallies.json"))
                        .bytes();
            });
            MembersLoad.Session admin = MembersLoad.setUpAndSignIn(owner);
            ConsultationLoad.timed("the owner's consultation page (its own members' standing only)", 11, () -> {
                if (admin.get("/consultations/" + BenchApi.uuid(question)).statusCode() != 200) {
                    throw new IllegalStateException("the consultation page did not answer 200");
                }
            });
            System.out.printf(
                    "%nowner: %s ballots of %s over %d branches; winners %s; %d rounds; tallies.json %,d KB%n",
                    results.path("ballots").asText(),
                    results.path("electorate").asText(),
                    results.path("branches").size(),
                    results.path("winners"),
                    results.path("rounds").size(),
                    size[0] / 1024);
        } finally {
            owner.close();
            server.stop(0);
            executor.close();
        }
    }

    /** One request per branch, {@link #IN_FLIGHT} at a time; fails if any failed. */
    private static void send(HttpClient client, ExecutorService executor, int count, Each each) throws Exception {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<Exception> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int n = i;
                inFlight.acquire();
                pool.submit(() -> {
                    try {
                        each.send(n);
                    } catch (Exception e) {
                        failed.add(e);
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        if (!failed.isEmpty()) {
            throw failed.getFirst();
        }
    }

    interface Each {
        Object send(int i) throws Exception;
    }

    private static int branchesIn(BenchApi api, String path) {
        try {
            return api.json(path).get("branches").size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(Random r) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            out.append(String.format("%02x", r.nextInt(256)));
        }
        return out.toString();
    }
}
