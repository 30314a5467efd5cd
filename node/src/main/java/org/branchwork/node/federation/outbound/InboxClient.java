package org.branchwork.node.federation.outbound;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.branchwork.node.federation.resolve.RemoteHttpClient;
import org.branchwork.node.storage.DeliveryStore;
import org.branchwork.protocol.sig.HttpSignatureSigner;
import org.branchwork.protocol.sig.SignableRequest;
import org.branchwork.protocol.sig.SigningKey;

/**
 * POSTs one signed activity to one inbox. Signs with RFC 9421 first; when the peer refuses that
 * (400, 401 or 403) it tries again at once with draft-cavage and remembers, per host and across
 * restarts ({@link PeerHealth}), to start with draft-cavage next time (Fedify's "double knock").
 */
public final class InboxClient {

    private static final String CONTENT_TYPE = "application/activity+json";

    /** The result of one delivery attempt. */
    public sealed interface Outcome {
        /** The peer took it (2xx). */
        record Delivered(int status) implements Outcome {}

        /**
         * Try again later; {@code retryAfter} when the peer said when; {@code hostDown} when it did not
         * answer at all or answered 5xx (what counts against its availability).
         */
        record Retry(String error, Optional<Duration> retryAfter, boolean hostDown) implements Outcome {}

        /** Do not try again: the peer refused for good (404, other 4xx). */
        record Permanent(String error) implements Outcome {}

        /**
         * The inbox is gone for good (410): do not try again, and whoever received through it
         * is no longer there to receive.
         */
        record Gone(String error) implements Outcome {}
    }

    private final RemoteHttpClient http;
    private final HttpSignatureSigner signer = new HttpSignatureSigner();
    private final Clock clock;
    private final PeerHealth peers;

    public InboxClient(RemoteHttpClient http, PeerHealth peers, Clock clock) {
        this.http = http;
        this.peers = peers;
        this.clock = clock;
    }

    public Outcome deliver(URI inbox, String body, SigningKey key) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String host = DeliveryStore.hostOf(inbox);
        boolean cavageFirst = peers.cavageFirst(host);
        try {
            RemoteHttpClient.Response response = post(inbox, bytes, key, cavageFirst);
            if (!cavageFirst && isSignatureRefusal(response.status())) {
                RemoteHttpClient.Response second = post(inbox, bytes, key, true);
                if (second.status() / 100 == 2) {
                    peers.preferCavage(host);
                }
                response = second;
            }
            return classify(response);
        } catch (IOException e) {
            return new Outcome.Retry(e.getClass().getSimpleName() + ": " + e.getMessage(), Optional.empty(), true);
        }
    }

    private RemoteHttpClient.Response post(URI inbox, byte[] body, SigningKey key, boolean cavage) throws IOException {
        SignableRequest request = SignableRequest.of("POST", inbox).withHeader("Content-Type", CONTENT_TYPE);
        Instant now = clock.instant();
        SignableRequest signed =
                cavage ? signer.signCavage(request, body, key, now) : signer.signRfc9421(request, body, key, now);
        Map<String, String> headers = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return http.post(inbox, headers, body, CONTENT_TYPE, 64 * 1024);
    }

    private static boolean isSignatureRefusal(int status) {
        return status == 400 || status == 401 || status == 403;
    }

    private Outcome classify(RemoteHttpClient.Response response) {
        int status = response.status();
        if (status / 100 == 2) {
            return new Outcome.Delivered(status);
        }
        String error = "HTTP " + status;
        if (status == 410) {
            return new Outcome.Gone(error + ": the inbox is gone");
        }
        if (status == 401 || status == 408 || status == 429 || status >= 500) {
            return new Outcome.Retry(error, response.header("retry-after").flatMap(this::retryAfter), status >= 500);
        }
        return new Outcome.Permanent(error);
    }

    private Optional<Duration> retryAfter(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            try {
                Instant when = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(Duration.between(clock.instant(), when));
            } catch (RuntimeException e2) {
                return Optional.empty();
            }
        }
    }
}
