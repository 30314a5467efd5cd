package org.branchwork.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.branchwork.protocol.sig.HttpSignatureSigner;
import org.branchwork.protocol.sig.SignableRequest;
import org.branchwork.protocol.sig.SigningKey;

/** Sends a benchmark follower's signed {@code Follow} of the branch to the node's inbox, and signs other posts. */
final class SignedFollows {

    private static final HttpSignatureSigner SIGNER = new HttpSignatureSigner();

    private SignedFollows() {}

    /** The actor is the key id without its fragment; the Follow's id is the actor's {@code /follow}. */
    static void send(HttpClient client, SigningKey key, URI inbox, URI group) throws IOException, InterruptedException {
        String actor = key.keyId().substring(0, key.keyId().indexOf('#'));
        byte[] body = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + actor
                        + "/follow\",\"type\":\"Follow\",\"actor\":\"" + actor + "\",\"object\":\"" + group + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        client.send(signed(key, inbox, body), HttpResponse.BodyHandlers.discarding());
    }

    /** A POST of {@code body} to {@code inbox}, signed (RFC 9421) by {@code key} now. */
    static HttpRequest signed(SigningKey key, URI inbox, byte[] body) {
        SignableRequest signed = SIGNER.signRfc9421(
                SignableRequest.of("POST", inbox).withHeader("Content-Type", "application/activity+json"),
                body,
                key,
                Instant.now());
        HttpRequest.Builder b = HttpRequest.newBuilder(inbox).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((n, v) -> {
            if (!n.equals("host")) {
                b.header(n, String.join(", ", v));
            }
        });
        return b.build();
    }
}
