package org.branchwork.node.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Await;
import org.branchwork.protocol.sig.SignableRequest;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.it.InboxPosts.SIGNER;
import static org.branchwork.node.it.InboxPosts.Signed;
import static org.branchwork.node.it.InboxPosts.assertRefused;
import static org.branchwork.node.it.InboxPosts.base;
import static org.branchwork.node.it.InboxPosts.branch;
import static org.branchwork.node.it.InboxPosts.json;
import static org.branchwork.node.it.InboxPosts.post;
import static org.branchwork.node.it.InboxPosts.postSigned;
import static org.branchwork.node.it.InboxPosts.readUntilQuiet;
import static org.branchwork.node.it.InboxPosts.replace;

/**
 * The S1 battery: each way a POST to the inbox can be wrong is refused with its own reason and
 * writes nothing; duplicates have one effect. A fake peer on loopback plays the remote server.
 * How keys are found and fetched is {@link InboxKeyFetchIT}.
 */
class InboxRefusalIT {

    @TempDir
    static Path dir;

    static FakePeer peer;
    static Node node;
    static SigningKey mallory;
    static SigningKey eve;

    @BeforeAll
    static void start() throws IOException {
        peer = new FakePeer();
        mallory = peer.actor("mallory");
        eve = peer.actor("eve");
        Map<String, String> env = new HashMap<>();
        env.put("BRANCHWORK_BRANCH_SLUG", "stockport");
        env.put("BRANCHWORK_ALLOW_PRIVATE_ADDRESSES", "true");
        node = TestNodes.start(dir.resolve("node"), env);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void unsignedPostIsRefused() {
        assertRefused(post(node, unsigned(follow("u1"))), 401, "no_signature");
    }

    @Test
    void hmacAlgorithmIsRefused() {
        SignableRequest r = base(node)
                .withHeader(
                        "Signature",
                        "keyId=\"" + mallory.keyId()
                                + "\",algorithm=\"hmac-sha256\",headers=\"(request-target) host date digest\",signature=\"AAAA\"");
        assertRefused(post(node, new Signed(r, follow("u2"))), 401, "unsupported_algorithm");
    }

    @Test
    void onlyDateCoveredIsRefused() {
        byte[] body = follow("u3");
        SignableRequest signed = SIGNER.signCavage(base(node), body, mallory, Instant.now());
        String sig = signed.header("signature")
                .orElseThrow()
                .replace("headers=\"(request-target) host date digest\"", "headers=\"date\"");
        assertRefused(post(node, new Signed(replace(signed, "signature", sig), body)), 401, "digest_not_covered");
    }

    @Test
    void digestNotCoveredIsRefused() {
        byte[] body = follow("u4");
        SignableRequest signed = SIGNER.signRfc9421(base(node), body, mallory, Instant.now());
        String input = signed.header("signature-input").orElseThrow().replace(" \"content-digest\"", "");
        assertRefused(
                post(node, new Signed(replace(signed, "signature-input", input), body)), 401, "digest_not_covered");
    }

    @Test
    void bodyOffByOneByteIsRefused() {
        byte[] body = follow("u5");
        SignableRequest signed = SIGNER.signRfc9421(base(node), body, mallory, Instant.now());
        byte[] altered = body.clone();
        altered[altered.length - 3] ^= 1;
        assertRefused(post(node, new Signed(signed, altered)), 401, "digest_mismatch");
    }

    @Test
    void md5DigestIsRefused() {
        byte[] body = follow("u6");
        SignableRequest r = base(node).withHeader("Digest", "MD5=Sd/dVLAcvNLSq16eXua5uQ==");
        SignableRequest signed = SIGNER.signCavage(r, body, mallory, Instant.now());
        assertRefused(post(node, new Signed(signed, body)), 401, "digest_mismatch");
    }

    @Test
    void dateTwoHoursOldOrAheadIsRefused() {
        byte[] body = follow("u7");
        for (long offset : new long[] {-7200, 7200}) {
            assertRefused(
                    post(
                            node,
                            new Signed(
                                    SIGNER.signRfc9421(
                                            base(node),
                                            body,
                                            mallory,
                                            Instant.now().plusSeconds(offset)),
                                    body)),
                    401,
                    "date_out_of_window");
        }
    }

    @Test
    void keyIdThatIsNotFoundIsRefused() {
        SigningKey ghost = new SigningKey(peer.actorId("ghost") + "#main-key", mallory.privateKey());
        byte[] body = follow("u8", peer.actorId("ghost"));
        assertRefused(postSigned(node, ghost, body), 401, "unknown_key");
    }

    @Test
    void keyIdOnAPrivateAddressIsRefusedWhenTheGuardIsOn() {
        Node guarded = TestNodes.start(dir.resolve("guarded"), Map.of("BRANCHWORK_BRANCH_SLUG", "guarded"));
        try {
            byte[] body = follow("u9", peer.actorId("mallory"), guarded);
            long before = guarded.inspect().inboxCount();
            assertRefused(postSigned(guarded, mallory, body), 401, "unknown_key");
            assertThat(guarded.inspect().inboxCount()).isEqualTo(before);
        } finally {
            guarded.close();
        }
    }

    @Test
    void keyOwnerOtherThanTheActorIsRefused() {
        byte[] body = follow("u10"); // actor mallory, signed by eve
        assertRefused(postSigned(node, eve, body), 401, "key_owner_not_actor");
    }

    @Test
    void activityIdOnAnotherHostIsRefused() {
        byte[] body = json(
                "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"https://evil.example/activities/1\","
                        + "\"type\":\"Follow\",\"actor\":\"" + mallory() + "\",\"object\":\"" + branch(node) + "\"}");
        assertRefused(postSigned(node, mallory, body), 401, "origin_mismatch");
    }

    @Test
    void tenMegabyteBodyIsRefused() {
        byte[] body = new byte[10 * 1024 * 1024];
        java.util.Arrays.fill(body, (byte) ' ');
        long before = node.inspect().inboxCount();
        // The node answers 413 without reading the rest; a client still sending may see the
        // connection close before it reads that answer. Either way the body is refused unread.
        try {
            HttpResponse<String> res = post(node, new Signed(base(node), body));
            assertThat(res.statusCode()).isEqualTo(413);
        } catch (java.io.UncheckedIOException closedWhileSending) {
            assertThat(closedWhileSending.getCause()).isInstanceOf(IOException.class);
        }
        assertThat(node.inspect().inboxCount()).isEqualTo(before);
    }

    @Test
    void contentLengthLyingAboutAChunkedBodyIsRefused() throws IOException {
        long before = node.inspect().inboxCount();
        String chunk = "{\"type\":\"Follow\"}";
        String request = "POST /inbox HTTP/1.1\r\nHost: localhost:" + node.port()
                + "\r\nContent-Type: application/activity+json\r\n"
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).startsWith("HTTP/1.1 4");
        }
        assertThat(node.inspect().inboxCount()).isEqualTo(before);
    }

    @Test
    void jsonNestedTenThousandDeepIsRefused() {
        byte[] body = json("{\"type\":\"Follow\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        assertRefused(postSigned(node, mallory, body), 400, "unreadable_activity");
    }

    @Test
    void theSameActivityTwiceHasOneEffect() {
        byte[] body = follow("dup-twice");
        long before = node.inspect().inboxCount();
        for (int i = 0; i < 2; i++) {
            assertThat(postSigned(node, mallory, body).statusCode()).isEqualTo(202);
        }
        assertThat(node.inspect().inboxCount()).isEqualTo(before + 1);
    }

    @Test
    void fiftyConcurrentCopiesHaveOneEffect() throws Exception {
        byte[] body = follow("dup-fifty");
        long before = node.inspect().inboxCount();
        List<Callable<Integer>> posts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            posts.add(() -> postSigned(node, mallory, body).statusCode());
        }
        Set<Integer> statuses = new java.util.HashSet<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Integer> f : pool.invokeAll(posts)) {
                statuses.add(f.get());
            }
        }
        assertThat(statuses).containsExactly(202);
        assertThat(node.inspect().inboxCount()).isEqualTo(before + 1);
    }

    @Test
    void aCorrectlySignedFollowIsAcceptedStoredAndAnswered() {
        byte[] body = follow("ok");
        HttpResponse<String> res =
                post(node, new Signed(SIGNER.signCavage(base(node), body, mallory, Instant.now()), body));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        Await.until(
                "the fake peer receives the Accept",
                () -> peer.received("mallory").stream()
                        .anyMatch(a -> a.contains("\"type\":\"Accept\"") && a.contains("activities/ok")));
    }

    @Test
    void aSignatureForAnotherHostIsRefused() throws IOException {
        // Signed for other.example, sent here with that Host header: valid, but not for this node.
        byte[] body = follow("other-host");
        SignableRequest signed = SIGNER.signCavage(
                SignableRequest.of("POST", URI.create("http://other.example/inbox"))
                        .withHeader("Content-Type", "application/activity+json"),
                body,
                mallory,
                Instant.now());
        StringBuilder request = new StringBuilder("POST /inbox HTTP/1.1\r\nConnection: close\r\nContent-Length: ")
                .append(body.length)
                .append("\r\n");
        signed.headers()
                .forEach((name, values) -> request.append(name)
                        .append(": ")
                        .append(String.join(", ", values))
                        .append("\r\n"));
        assertThat(request.toString()).contains("host: other.example");
        try (Socket socket = new Socket("127.0.0.1", node.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String response = readUntilQuiet(socket);
            assertThat(response).startsWith("HTTP/1.1 401").contains("\"code\":\"wrong_host\"");
        }
        assertThat(node.inspect().hasReceived(peer.origin() + "/activities/other-host"))
                .isFalse();
    }

    // --- helpers (the stateless ones are InboxPosts')

    private static Signed unsigned(byte[] body) {
        return new Signed(base(node), body);
    }

    private static String mallory() {
        return peer.actorId("mallory").toString();
    }

    private static byte[] follow(String name) {
        return follow(name, peer.actorId("mallory"));
    }

    private static byte[] follow(String name, URI actor) {
        return InboxPosts.follow(peer, node, name, actor);
    }

    private static byte[] follow(String name, URI actor, Node target) {
        return InboxPosts.follow(peer, target, name, actor);
    }
}
