package org.branchwork.node.federation.resolve;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.sig.HttpSignatureSigner;
import org.branchwork.protocol.sig.SignableRequest;
import org.branchwork.protocol.sig.SigningKey;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Origins;

/**
 * Fetches ActivityStreams documents, signed by the instance actor (authorized fetch). A document
 * is taken only with an ActivityStreams content type and an {@code id} equal to the URL that
 * answered, on the origin of the URL asked for: Mastodon CVE-2024-23832 was a server trusting a
 * document served from elsewhere, and a redirect to another origin is "elsewhere" too (the
 * redirecting server cannot vouch for what the other one says). A document counts under its own
 * {@code id}, never under the URL first asked for.
 */
public final class ActivityFetcher {

    /** Largest document fetched. */
    public static final long MAX_DOCUMENT_BYTES = 1024 * 1024;

    private static final String ACCEPT =
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    private final RemoteHttpClient http;
    private final ActivityCodec codec;
    private final HttpSignatureSigner signer = new HttpSignatureSigner();
    private final java.util.function.Supplier<SigningKey> instanceKey;
    private final Clock clock;

    private final java.util.function.Function<URI, java.util.Optional<String>> policy;

    /** @param policy why a peer must not be fetched from (blocked, not allowed), or empty */
    public ActivityFetcher(
            RemoteHttpClient http,
            ActivityCodec codec,
            java.util.function.Supplier<SigningKey> instanceKey,
            java.util.function.Function<URI, java.util.Optional<String>> policy,
            Clock clock) {
        this.policy = policy;
        this.http = http;
        this.codec = codec;
        this.instanceKey = instanceKey;
        this.clock = clock;
    }

    /** Fetches and reads the document at {@code uri} (its fragment, if any, is not sent). */
    public AsObject fetch(URI uri) throws FetchException {
        RemoteHttpClient.Response response = get(uri);
        URI target = withoutFragment(uri);
        return switch (codec.read(response.body())) {
            case Decoded.Refused refused -> throw new FetchException(target + ": " + refused.reason(), null);
            case Decoded.Read read -> {
                URI id = read.object().id().orElseThrow(() -> new FetchException(target + " has no id", null));
                if (!id.equals(Origins.canonical(response.finalUri()))) {
                    throw new FetchException("the document at " + response.finalUri() + " claims to be " + id, null);
                }
                if (!Origins.same(id, target)) {
                    throw new FetchException(target + " redirected to another origin (" + Origins.of(id) + ")", null);
                }
                yield read.object();
            }
        };
    }

    /**
     * The owner a key document names, for keys published apart from their actor: a standalone
     * key ({@code id} = the key, with {@code owner} or {@code controller}), or GoToSocial's stub at
     * the key's URL (an actor whose {@code publicKey.id} is the key). Only a hint: the caller must
     * fetch the owner and find the key there.
     */
    public java.util.Optional<URI> keyOwner(URI keyUri) throws FetchException {
        RemoteHttpClient.Response response = get(keyUri);
        if (!Origins.same(response.finalUri(), keyUri)) {
            throw new FetchException(
                    keyUri + " redirected to another origin (" + Origins.of(response.finalUri()) + ")", null);
        }
        com.fasterxml.jackson.databind.JsonNode doc;
        try {
            doc = codec.parse(response.body());
        } catch (IOException e) {
            throw new FetchException(keyUri + " is not JSON", e);
        }
        String key = keyUri.toString();
        String owner = null;
        if (key.equals(canonicalText(doc.path("id")))) {
            owner = doc.path("owner").asText(doc.path("controller").asText(null));
        } else if (key.equals(canonicalText(doc.path("publicKey").path("id")))) {
            owner = doc.path("id").asText(null);
        }
        try {
            return owner == null
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(Origins.canonical(new URI(owner)));
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.empty();
        }
    }

    private static String canonicalText(com.fasterxml.jackson.databind.JsonNode node) {
        if (!node.isTextual()) {
            return null;
        }
        try {
            return Origins.canonical(new URI(node.textValue())).toString();
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private RemoteHttpClient.Response get(URI uri) throws FetchException {
        URI target = withoutFragment(uri);
        java.util.Optional<String> notAllowed = policy.apply(target);
        if (notAllowed.isPresent()) {
            throw new FetchException("not fetched: " + notAllowed.get(), null);
        }
        RemoteHttpClient.Response response;
        try {
            response = http.get(target, this::signedHeaders, MAX_DOCUMENT_BYTES);
        } catch (IOException e) {
            boolean mayPass = !(e instanceof RemoteHttpClient.TooLargeException
                    || e instanceof SsrfGuard.ForbiddenAddressException);
            throw new FetchException("cannot fetch " + target + ": " + e.getMessage(), e, mayPass);
        }
        if (response.status() != 200) {
            int status = response.status();
            throw new FetchException(
                    target + " answered " + status, null, status >= 500 || status == 408 || status == 429);
        }
        String type = response.header("content-type").orElse("");
        if (!type.contains("application/activity+json") && !type.contains("application/ld+json")) {
            throw new FetchException(target + " did not answer ActivityStreams JSON (" + type + ")", null);
        }
        return response;
    }

    private Map<String, String> signedHeaders(URI uri) {
        SignableRequest signed = signer.signCavage(
                SignableRequest.of("GET", uri).withHeader("Accept", ACCEPT), null, instanceKey.get(), clock.instant());
        Map<String, String> headers = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return headers;
    }

    static URI withoutFragment(URI uri) {
        String text = uri.toString();
        int hash = text.indexOf('#');
        return hash < 0 ? uri : URI.create(text.substring(0, hash));
    }

    /**
     * A document that could not be fetched or was not acceptable; the message says why.
     * {@link #mayPass()} when trying again later may succeed: the peer did not answer, timed out,
     * or answered 5xx, 408 or 429. A 404, a 410, a refused document or a forbidden address is final.
     */
    public static final class FetchException extends Exception {
        private final boolean mayPass;

        public FetchException(String message, Throwable cause) {
            this(message, cause, false);
        }

        public FetchException(String message, Throwable cause, boolean mayPass) {
            super(message, cause);
            this.mayPass = mayPass;
        }

        public boolean mayPass() {
            return mayPass;
        }
    }
}
