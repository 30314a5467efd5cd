package org.branchwork.node.it;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.branchwork.node.Node;
import org.branchwork.protocol.sig.HttpSignatureSigner;
import org.branchwork.protocol.sig.SignableRequest;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts to a node's inbox as a remote server would, signed or not, and what a refusal looks like. */
final class InboxPosts {

    static final HttpSignatureSigner SIGNER = new HttpSignatureSigner();

    private InboxPosts() {}

    /** A request to the inbox and its body. */
    record Signed(SignableRequest request, byte[] body) {}

    /** What the server sent until it closed or went quiet for two seconds (Helidon may keep the connection). */
    static String readUntilQuiet(Socket socket) throws IOException {
        socket.setSoTimeout(2_000);
        java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = socket.getInputStream().read(buffer)) > 0; ) {
                read.write(buffer, 0, n);
            }
        } catch (java.net.SocketTimeoutException quiet) {
            // The answer is complete; the connection stays open.
        }
        return read.toString(StandardCharsets.UTF_8);
    }

    static void assertRefused(HttpResponse<String> res, int status, String code) {
        assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(res.body()).contains("\"code\":\"" + code + "\"");
    }

    static SignableRequest base(Node target) {
        return SignableRequest.of("POST", URI.create("http://localhost:" + target.port() + "/inbox"))
                .withHeader("Content-Type", "application/activity+json");
    }

    static SignableRequest replace(SignableRequest r, String name, String value) {
        Map<String, List<String>> headers = new HashMap<>(r.headers());
        headers.put(name, List.of(value));
        return new SignableRequest(r.method(), r.target(), headers);
    }

    static String branch(Node target) {
        return "http://localhost:" + target.port() + "/groups/"
                + target.config().configuredBranchSlug().orElseThrow();
    }

    /** A {@code Follow} of {@code target}'s branch by {@code actor}, with an id on the peer. */
    static byte[] follow(FakePeer peer, Node target, String name, URI actor) {
        return json("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + peer.origin()
                + "/activities/" + name + "\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\""
                + branch(target) + "\"}");
    }

    static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static HttpResponse<String> post(Node target, Signed signed) {
        return FakePeer.post(signed.request(), signed.body());
    }

    /** {@code body} signed now with RFC 9421 by {@code key} for {@code target}'s inbox, and posted there. */
    static HttpResponse<String> postSigned(Node target, SigningKey key, byte[] body) {
        return post(target, new Signed(SIGNER.signRfc9421(base(target), body, key, Instant.now()), body));
    }
}
