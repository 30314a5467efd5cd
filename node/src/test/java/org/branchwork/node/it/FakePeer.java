package org.branchwork.node.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.sig.SigningKey;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.ActorType;
import org.branchwork.protocol.vocab.Endpoints;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.PublicKeyInfo;

/**
 * A fediverse server that is not ours, on a loopback port: it publishes actors with RSA keys and
 * records what is posted to their inboxes. Tests use it to send signed (and mis-signed) activities.
 */
final class FakePeer implements AutoCloseable {

    private static final java.net.http.HttpClient CLIENT = java.net.http.HttpClient.newBuilder()
            .connectTimeout(java.time.Duration.ofSeconds(5))
            .build();

    private final HttpServer server;
    private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
    private final Map<String, KeyPair> proofKeys = new ConcurrentHashMap<>();
    private KeyPair sharedKey;
    private final java.util.Set<String> keyAtOwnUrl = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> groups = ConcurrentHashMap.newKeySet();
    private final Map<String, List<String>> received = new ConcurrentHashMap<>();
    private final ActivityCodec codec = new ActivityCodec();
    private final Map<String, Integer> inboxStatus = new ConcurrentHashMap<>();
    private volatile long inboxDelayMillis;
    private final Map<String, String> published = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger actorFetches =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, URI> redirects = new ConcurrentHashMap<>();
    private volatile int objectStatus = 200;
    private final java.util.concurrent.atomic.AtomicInteger objectFetches =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, String> webFinger = new ConcurrentHashMap<>();

    private volatile java.util.concurrent.CountDownLatch stall;
    private final java.util.concurrent.atomic.AtomicInteger stalled = new java.util.concurrent.atomic.AtomicInteger();

    FakePeer() throws IOException {
        this(false);
    }

    /** @param concurrent whether requests are served at once on virtual threads (else one at a time) */
    FakePeer(boolean concurrent) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        if (concurrent) {
            server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        }
        server.createContext("/users/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring("/users/".length());
            if (exchange.getRequestMethod().equals("POST") && name.endsWith("/inbox")) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String actor = name.substring(0, name.length() - 6);
                java.util.concurrent.CountDownLatch hold = stall;
                if (hold != null) {
                    // A host that accepts the request and then says nothing until released.
                    stalled.incrementAndGet();
                    try {
                        hold.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                if (inboxDelayMillis > 0) {
                    try {
                        Thread.sleep(inboxDelayMillis); // a slow peer, so that a fan-out takes a while
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                received.computeIfAbsent(actor, k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(body);
                exchange.sendResponseHeaders(inboxStatus.getOrDefault(actor, 202), -1);
                exchange.close();
                return;
            }
            actorFetches.incrementAndGet();
            URI redirect = redirects.get(name);
            if (redirect != null) {
                exchange.getResponseHeaders().set("Location", redirect.toString());
                exchange.sendResponseHeaders(302, -1);
                exchange.close();
                return;
            }
            if (name.endsWith("/main-key") && keyAtOwnUrl.contains(name.substring(0, name.length() - 9))) {
                // GoToSocial's key URL: a stub of the actor carrying only the key.
                String owner = name.substring(0, name.length() - 9);
                respond(exchange, codec.write(actor(owner, keys.get(owner))));
                return;
            }
            KeyPair pair = keys.get(name);
            if (pair == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] json = codec.write(actor(name, pair)).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/activity+json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        });
        server.createContext("/objects/", exchange -> {
            objectFetches.incrementAndGet();
            int status = objectStatus;
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
                return;
            }
            respond(
                    exchange,
                    "application/activity+json",
                    published.get(exchange.getRequestURI().getPath()));
        });
        server.createContext("/.well-known/webfinger", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String resource = query == null ? "" : query.replaceFirst("^resource=", "");
            respond(exchange, "application/jrd+json", webFinger.get(resource));
        });
        server.start();
    }

    /** Makes {@code /users/{name}} answer 302 to {@code to} (another server's URL, say). */
    void redirect(String name, URI to) {
        redirects.put(name, to);
    }

    /** Answers WebFinger for {@code acct:{user}@{this host}} with this subject and {@code self} link. */
    void webFinger(String user, String subject, URI self) {
        webFinger.put(
                "acct:" + user + "@" + origin().substring("http://".length()),
                "{\"subject\":\"" + subject + "\",\"links\":[{\"rel\":\"self\",\"type\":\"application/activity+json\","
                        + "\"href\":\"" + self + "\"}]}");
    }

    /** How many times actor documents were fetched. */
    int actorFetches() {
        return actorFetches.get();
    }

    /** Makes every {@code /objects/} fetch answer this status (200: serve what is published). */
    void objectsAnswer(int status) {
        objectStatus = status;
    }

    /** How many times {@code /objects/} documents were asked for. */
    int objectFetches() {
        return objectFetches.get();
    }

    /** Serves a document at {@code /objects/{name}}; returns its IRI. */
    URI publish(String name, String json) {
        published.put("/objects/" + name, json);
        return URI.create(origin() + "/objects/" + name);
    }

    /** Creates an actor with a fresh RSA key. */
    SigningKey actor(String name) {
        KeyPair pair = KeyPairs.generateRsa(new SecureRandom());
        keys.put(name, pair);
        return new SigningKey(actorId(name) + "#main-key", pair.getPrivate());
    }

    /**
     * Creates an actor on this peer's one shared key pair: for many followers whose keys are not
     * what a test checks (generating an RSA-2048 pair takes 0.1 to 2 s here). Tests about who may
     * sign as whom use {@link #actor}, a fresh pair each.
     */
    SigningKey actorSharingKey(String name) {
        keys.put(name, sharedKey());
        return new SigningKey(actorId(name) + "#main-key", keys.get(name).getPrivate());
    }

    private synchronized KeyPair sharedKey() {
        if (sharedKey == null) {
            sharedKey = KeyPairs.generateRsa(new SecureRandom());
        }
        return sharedKey;
    }

    /**
     * Gives an actor an Ed25519 key in its {@code assertionMethod} ({@code #ed25519-key}), for
     * FEP-8b32 proofs on what it sends; returns the key to sign with.
     */
    SigningKey proofKey(String name) {
        KeyPair pair = KeyPairs.generateEd25519(new SecureRandom());
        proofKeys.put(name, pair);
        return new SigningKey(actorId(name) + "#ed25519-key", pair.getPrivate());
    }

    /** Creates a {@code Group} actor (another server's group, which is not one of our branches). */
    SigningKey groupActor(String name) {
        groups.add(name);
        return actor(name);
    }

    /** Creates an actor whose key lives at its own URL ({@code /users/{name}/main-key}, no fragment), as GoToSocial publishes keys. */
    SigningKey actorWithKeyAtOwnUrl(String name) {
        SigningKey key = actor(name);
        keyAtOwnUrl.add(name);
        return new SigningKey(actorId(name) + "/main-key", key.privateKey());
    }

    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String json) throws IOException {
        respond(exchange, "application/activity+json", json);
    }

    /** Answers {@code json} as {@code type}, or a bodiless 404 where there is none. */
    private static void respond(com.sun.net.httpserver.HttpExchange exchange, String type, String json)
            throws IOException {
        if (json == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** From now on every inbox POST is read and then left unanswered until {@link #releaseInboxes}. */
    void stallInboxes() {
        stall = new java.util.concurrent.CountDownLatch(1);
    }

    /** Answers every stalled inbox POST, and stalls no more. */
    void releaseInboxes() {
        java.util.concurrent.CountDownLatch hold = stall;
        stall = null;
        if (hold != null) {
            hold.countDown();
        }
    }

    /** How many inbox POSTs have been stalled so far. */
    int stalledPosts() {
        return stalled.get();
    }

    /** Makes every inbox answer only after this delay (the server handles one request at a time). */
    void inboxDelay(long millis) {
        inboxDelayMillis = millis;
    }

    /** Makes the actor's inbox answer with this status from now on. */
    void inboxAnswers(String name, int status) {
        inboxStatus.put(name, status);
    }

    URI actorId(String name) {
        return URI.create(origin() + "/users/" + name);
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<String> received(String name) {
        return received.getOrDefault(name, List.of());
    }

    private Actor actor(String name, KeyPair pair) {
        URI id = actorId(name);
        boolean group = groups.contains(name);
        return new Actor(
                ObjectCore.of(id, group ? "Group" : "Person").withName(name),
                group ? ActorType.GROUP : ActorType.PERSON,
                name,
                URI.create(id + "/inbox"),
                URI.create(id + "/outbox"),
                null,
                null,
                null,
                Endpoints.NONE,
                List.of(new PublicKeyInfo(
                        URI.create(id + (keyAtOwnUrl.contains(name) ? "/main-key" : "#main-key")),
                        id,
                        Pem.writePublicKey(pair.getPublic()))),
                proofKeys.containsKey(name)
                        ? List.of(new org.branchwork.protocol.vocab.MultikeyInfo(
                                URI.create(id + "#ed25519-key"),
                                id,
                                org.branchwork.protocol.sig.Multikey.encode(
                                        proofKeys.get(name).getPublic())))
                        : List.of(),
                false,
                null);
    }

    /** Posts a signed request as built by the signer (headers the JDK client sets itself are left to it). */
    static java.net.http.HttpResponse<String> post(org.branchwork.protocol.sig.SignableRequest signed, byte[] body) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(signed.target())
                .timeout(java.time.Duration.ofSeconds(30))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!java.util.Set.of("host", "content-length", "connection").contains(name)) {
                b.header(name, String.join(", ", values));
            }
        });
        try {
            return CLIENT.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a Follow of {@code object} by the actor whose key this is, signed with RFC 9421, to {@code inbox}. */
    static java.net.http.HttpResponse<String> follow(SigningKey key, URI inbox, URI object, String activityId) {
        String actor = key.keyId().substring(0, key.keyId().indexOf('#'));
        byte[] body = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + activityId
                        + "\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\"" + object + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return signedPost(key, inbox, body);
    }

    /** POSTs an ActivityStreams body to {@code inbox}, signed now with RFC 9421 by {@code key}. */
    static java.net.http.HttpResponse<String> signedPost(SigningKey key, URI inbox, byte[] body) {
        return post(
                new org.branchwork.protocol.sig.HttpSignatureSigner()
                        .signRfc9421(
                                org.branchwork.protocol.sig.SignableRequest.of("POST", inbox)
                                        .withHeader("Content-Type", "application/activity+json"),
                                body,
                                key,
                                java.time.Instant.now()),
                body);
    }

    @Override
    public void close() {
        releaseInboxes();
        server.stop(0);
    }
}
