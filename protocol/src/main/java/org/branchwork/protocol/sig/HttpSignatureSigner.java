package org.branchwork.protocol.sig;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Signs outgoing requests. {@link #signRfc9421} is preferred; {@link #signCavage} is the fallback
 * for peers that refuse it (the "double knock" Fedify does). Both add {@code Date} and, when there
 * is a body, its digest, and return a new request carrying the headers to send.
 */
public final class HttpSignatureSigner {

    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC).withLocale(Locale.ROOT);

    /** The {@code Date} header value for an instant (IMF-fixdate). */
    public static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }

    /**
     * Signs with draft-cavage-12 as Mastodon does: {@code (request-target) host date} and
     * {@code digest} when there is a body; algorithm {@code rsa-sha256} for RSA keys (what Mastodon
     * expects), {@code hs2019} for Ed25519.
     *
     * @param body the request body, or null for a request without one
     */
    public SignableRequest signCavage(SignableRequest request, byte[] body, SigningKey key, Instant now) {
        SignableRequest r = prepare(request, body, now, false);
        List<String> headers = new ArrayList<>(List.of("(request-target)", "host", "date"));
        if (body != null) {
            headers.add("digest");
        }
        String base;
        try {
            base = SigningBases.cavage(r, headers, null, null);
        } catch (SigningBases.MissingComponent e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        String signature = Base64.getEncoder().encodeToString(key.sign(base.getBytes(StandardCharsets.UTF_8)));
        String algorithm = key.type() == KeyType.RSA ? "rsa-sha256" : "hs2019";
        return r.withHeader(
                "Signature",
                "keyId=\"" + quoted(key.keyId()) + "\",algorithm=\"" + algorithm + "\",headers=\""
                        + String.join(" ", headers) + "\",signature=\"" + signature + "\"");
    }

    /**
     * Signs with RFC 9421, covering {@code @method}, {@code @target-uri}, {@code @authority},
     * {@code date} and, with a body, {@code content-digest}; label {@code sig1}, {@code created} and
     * {@code keyid} parameters, and {@code alg} so that the key type is explicit.
     */
    public SignableRequest signRfc9421(SignableRequest request, byte[] body, SigningKey key, Instant now) {
        SignableRequest r = prepare(request, body, now, true);
        List<String> names = new ArrayList<>(List.of("@method", "@target-uri", "@authority", "date"));
        if (body != null) {
            names.add("content-digest");
        }
        String alg = key.type() == KeyType.RSA ? "rsa-v1_5-sha256" : "ed25519";
        String params =
                "(" + String.join(" ", names.stream().map(n -> "\"" + n + "\"").toList()) + ")" + ";created="
                        + now.getEpochSecond() + ";keyid=\"" + quoted(key.keyId()) + "\";alg=\"" + alg + "\"";
        List<StructuredSignatureFields.Component> components = names.stream()
                .map(n -> new StructuredSignatureFields.Component(n, java.util.Map.of()))
                .toList();
        String base;
        try {
            base = SigningBases.rfc9421(r, components, params);
        } catch (SigningBases.MissingComponent e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        byte[] signature = key.sign(base.getBytes(StandardCharsets.UTF_8));
        return r.withHeader("Signature-Input", "sig1=" + params)
                .withHeader("Signature", "sig1=:" + Base64.getEncoder().encodeToString(signature) + ":");
    }

    private static SignableRequest prepare(SignableRequest request, byte[] body, Instant now, boolean rfc9421) {
        SignableRequest r = request;
        if (r.header("host").isEmpty()) {
            r = r.withHeader("Host", r.authority());
        }
        if (r.header("date").isEmpty()) {
            r = r.withHeader("Date", httpDate(now));
        }
        if (body != null) {
            r = rfc9421
                    ? (r.header("content-digest").isEmpty()
                            ? r.withHeader("Content-Digest", Digests.contentDigestHeader(body))
                            : r)
                    : (r.header("digest").isEmpty() ? r.withHeader("Digest", Digests.digestHeader(body)) : r);
        }
        return r;
    }

    private static String quoted(String value) {
        if (value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
            throw new IllegalArgumentException("a keyId must not contain quotes or backslashes");
        }
        return value;
    }
}
