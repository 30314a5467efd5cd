package org.branchwork.protocol.sig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.branchwork.protocol.sig.Verification.Reason;

import static org.assertj.core.api.Assertions.assertThat;

/** Signing with our signer and verifying with our verifier, then each tampered variant refused with its own reason. */
class HttpSignatureTamperTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair RSA = KeyPairs.generateRsa(RANDOM);
    private static final KeyPair ED25519 = KeyPairs.generateEd25519(RANDOM);
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    private static final URI OWNER = URI.create("https://stockport.example/actor");
    private static final String RSA_KEY_ID = "https://stockport.example/actor#main-key";
    private static final String ED_KEY_ID = "https://stockport.example/actor#ed25519-key";
    private static final byte[] BODY = "{\"type\":\"Create\"}".getBytes(StandardCharsets.UTF_8);

    private final HttpSignatureSigner signer = new HttpSignatureSigner();
    private final HttpSignatureVerifier verifier =
            new HttpSignatureVerifier(SignaturePolicy.defaults(), Clock.fixed(NOW, ZoneOffset.UTC));

    enum Variant {
        CAVAGE_RSA,
        CAVAGE_ED25519,
        RFC9421_RSA,
        RFC9421_ED25519;

        boolean cavage() {
            return this == CAVAGE_RSA || this == CAVAGE_ED25519;
        }

        boolean rsa() {
            return this == CAVAGE_RSA || this == RFC9421_RSA;
        }
    }

    private SignableRequest signed(Variant v, Instant at) {
        SignableRequest request = SignableRequest.of("POST", URI.create("https://manchester.example/inbox"))
                .withHeader("Content-Type", "application/activity+json");
        SigningKey key = v.rsa()
                ? new SigningKey(RSA_KEY_ID, RSA.getPrivate())
                : new SigningKey(ED_KEY_ID, ED25519.getPrivate());
        return v.cavage() ? signer.signCavage(request, BODY, key, at) : signer.signRfc9421(request, BODY, key, at);
    }

    private static KeyResolver keys() {
        return id -> switch (id) {
            case RSA_KEY_ID -> Optional.of(new ResolvedKey(id, OWNER, RSA.getPublic()));
            case ED_KEY_ID -> Optional.of(new ResolvedKey(id, OWNER, ED25519.getPublic()));
            default -> Optional.empty();
        };
    }

    private Reason rejection(SignableRequest request, byte[] body) {
        Verification result = verifier.verify(request, body, keys());
        assertThat(result).as("expected a rejection").isInstanceOf(Verification.Rejected.class);
        return ((Verification.Rejected) result).reason();
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void ourSignatureVerifies(Variant v) {
        Verification result = verifier.verify(signed(v, NOW), BODY, keys());

        assertThat(result.isVerified()).as(result.toString()).isTrue();
        var verified = (Verification.Verified) result;
        assertThat(verified.owner()).isEqualTo(OWNER);
        assertThat(verified.spec()).isEqualTo(v.cavage() ? SignatureSpec.CAVAGE : SignatureSpec.RFC9421);
        assertThat(verified.keyType()).isEqualTo(v.rsa() ? KeyType.RSA : KeyType.ED25519);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void alteredBodyIsADigestMismatch(Variant v) {
        assertThat(rejection(signed(v, NOW), "{\"type\":\"Delete\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Reason.DIGEST_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void alteredCoveredHeaderIsABadSignature(Variant v) {
        assertThat(rejection(
                        replaceHeader(signed(v, NOW), "date", d -> HttpSignatureSigner.httpDate(NOW.minusSeconds(1))),
                        BODY))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void alteredMethodIsABadSignature(Variant v) {
        SignableRequest r = signed(v, NOW);
        assertThat(rejection(new SignableRequest("PUT", r.target(), r.headers()), BODY))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void alteredPathIsABadSignature(Variant v) {
        SignableRequest r = signed(v, NOW);
        SignableRequest moved =
                new SignableRequest(r.method(), URI.create("https://manchester.example/users/x/inbox"), r.headers());
        assertThat(rejection(moved, BODY)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void signatureOutsideTheWindowIsRefused(Variant v) {
        assertThat(rejection(signed(v, NOW.minus(Duration.ofHours(2))), BODY)).isEqualTo(Reason.DATE_OUT_OF_WINDOW);
        assertThat(rejection(signed(v, NOW.plus(Duration.ofHours(2))), BODY)).isEqualTo(Reason.DATE_OUT_OF_WINDOW);
    }

    @Test
    void signatureWithinTheSkewIsAccepted() {
        assertThat(verifier.verify(signed(Variant.CAVAGE_RSA, NOW.minus(Duration.ofMinutes(50))), BODY, keys())
                        .isVerified())
                .isTrue();
        assertThat(verifier.verify(signed(Variant.RFC9421_ED25519, NOW.plus(Duration.ofMinutes(50))), BODY, keys())
                        .isVerified())
                .isTrue();
    }

    /** Our signer covers {@code (request-target) host date digest}; each case leaves out what the verifier requires. */
    @ParameterizedTest(name = "headers=\"{0}\" is refused: {1}")
    @CsvSource({
        "'(request-target) host date', DIGEST_NOT_COVERED",
        "'host date digest', TARGET_NOT_COVERED",
        // the path alone, without the host, does not say which server the request was for
        "'(request-target) date digest', TARGET_NOT_COVERED",
        "'(request-target) host digest', DATE_NOT_COVERED"
    })
    void cavageSignatureLeavingOutARequiredComponentIsRefused(String covered, Reason reason) {
        SignableRequest r = replaceHeader(
                signed(Variant.CAVAGE_RSA, NOW),
                "signature",
                s -> s.replace("headers=\"(request-target) host date digest\"", "headers=\"" + covered + "\""));
        assertThat(rejection(r, BODY)).isEqualTo(reason);
    }

    @ParameterizedTest(name = "without {0} is refused: {1}")
    @CsvSource({"' \"content-digest\"', DIGEST_NOT_COVERED", "'\"@target-uri\" ', TARGET_NOT_COVERED"})
    void rfc9421SignatureLeavingOutARequiredComponentIsRefused(String component, Reason reason) {
        SignableRequest signed = signed(Variant.RFC9421_RSA, NOW);
        assertThat(signed.header("signature-input").orElseThrow()).contains(component);
        SignableRequest r = replaceHeader(signed, "signature-input", s -> s.replace(component, ""));
        assertThat(rejection(r, BODY)).isEqualTo(reason);
    }

    @Test
    void unsignedCreatedAndExpiresParametersDoNotWidenTheWindow() {
        // Signed two hours ago (outside the window); created= and expires= appended, not covered.
        Instant then = NOW.minus(Duration.ofHours(2));
        SignableRequest r = replaceHeader(
                signed(Variant.CAVAGE_RSA, then),
                "signature",
                s -> s + ",created=" + then.getEpochSecond() + ",expires="
                        + NOW.plus(Duration.ofHours(9)).getEpochSecond());
        assertThat(rejection(r, BODY)).isEqualTo(Reason.DATE_OUT_OF_WINDOW);
    }

    @Test
    void wrongKeyTypeIsRefused() {
        // Claims rsa-sha256 while the key behind the keyId is Ed25519.
        SignableRequest r = replaceHeader(
                signed(Variant.CAVAGE_ED25519, NOW),
                "signature",
                s -> s.replace("algorithm=\"hs2019\"", "algorithm=\"rsa-sha256\""));
        assertThat(rejection(r, BODY)).isEqualTo(Reason.KEY_TYPE_MISMATCH);
        SignableRequest r2 = replaceHeader(
                signed(Variant.RFC9421_RSA, NOW),
                "signature-input",
                s -> s.replace("alg=\"rsa-v1_5-sha256\"", "alg=\"ed25519\""));
        assertThat(rejection(r2, BODY)).isEqualTo(Reason.KEY_TYPE_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void truncatedSignatureIsABadSignature(Variant v) {
        SignableRequest r = signed(v, NOW);
        SignableRequest truncated = replaceHeader(r, "signature", s -> {
            int start = v.cavage() ? s.indexOf("signature=\"") + 11 : s.indexOf(":") + 1;
            int end = v.cavage() ? s.indexOf('"', start) : s.lastIndexOf(':');
            byte[] sig = Base64.getDecoder().decode(s.substring(start, end));
            String shorter = Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(sig, sig.length - 8));
            return s.substring(0, start) + shorter + s.substring(end);
        });
        assertThat(rejection(truncated, BODY)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    @Test
    void unknownKeyIsRefused() {
        Verification result = verifier.verify(signed(Variant.CAVAGE_RSA, NOW), BODY, id -> Optional.empty());
        assertThat(((Verification.Rejected) result).reason()).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void missingDigestHeaderIsRefused() {
        SignableRequest r = removeHeader(signed(Variant.RFC9421_ED25519, NOW), "content-digest");
        assertThat(rejection(r, BODY)).isEqualTo(Reason.COVERED_HEADER_MISSING);
    }

    @Test
    void unsignedRequestIsRefused() {
        SignableRequest r = SignableRequest.of("POST", URI.create("https://manchester.example/inbox"));
        assertThat(rejection(r, BODY)).isEqualTo(Reason.NO_SIGNATURE);
    }

    @Test
    void malformedHeadersAreRefusedNotThrown() {
        SignableRequest base = SignableRequest.of("POST", URI.create("https://manchester.example/inbox"));
        assertThat(rejection(base.withHeader("Signature", "keyId=\"unterminated"), BODY))
                .isEqualTo(Reason.MALFORMED_SIGNATURE);
        assertThat(rejection(base.withHeader("Signature", "keyId=\"k\",signature=\"***\""), BODY))
                .isEqualTo(Reason.MALFORMED_SIGNATURE);
        assertThat(rejection(
                        base.withHeader("Signature-Input", "sig1=(\"@method\"").withHeader("Signature", "sig1=:AA==:"),
                        BODY))
                .isEqualTo(Reason.MALFORMED_SIGNATURE);
        assertThat(rejection(base.withHeader("Signature-Input", "sig1=(\"@method\");keyid=\"k\""), BODY))
                .isEqualTo(Reason.MALFORMED_SIGNATURE);
        assertThat(rejection(
                        base.withHeader("Signature", "keyId=\"k\",algorithm=\"hmac-sha256\",signature=\"AA==\""), BODY))
                .isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void hostileFiftyThousandCharacterHeadersReturnQuickly() {
        SignableRequest base = SignableRequest.of("POST", URI.create("https://manchester.example/inbox"));
        List<SignableRequest> hostile = new ArrayList<>();
        hostile.add(base.withHeader("Signature", "keyId=\"" + "\\\"a".repeat(16_667) + "\""));
        hostile.add(base.withHeader("Signature", ",".repeat(50_000)));
        hostile.add(base.withHeader("Signature", "a=".repeat(25_000)));
        hostile.add(base.withHeader("Signature-Input", "sig1=(" + "\"a\" ".repeat(12_500) + ")")
                .withHeader("Signature", "sig1=:AA==:"));
        // Bypass the length cap too, to show the parsers themselves are linear.
        HttpSignatureVerifier uncapped = new HttpSignatureVerifier(
                new SignaturePolicy(
                        Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(12), true, true, 2048, 1_000_000),
                Clock.fixed(NOW, ZoneOffset.UTC));
        for (SignableRequest r : hostile) {
            assertThat(verifier.verify(r, BODY, keys())).isInstanceOf(Verification.Rejected.class);
            assertThat(uncapped.verify(r, BODY, keys())).isInstanceOf(Verification.Rejected.class);
        }
        // No timing assertion (see STYLE.md); the suite's own timeout would expose a backtracking parser.
    }

    private static SignableRequest replaceHeader(SignableRequest r, String name, UnaryOperator<String> change) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.put(name, List.of(change.apply(r.header(name).orElseThrow())));
        return new SignableRequest(r.method(), r.target(), headers);
    }

    private static SignableRequest removeHeader(SignableRequest r, String name) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.remove(name);
        return new SignableRequest(r.method(), r.target(), headers);
    }
}
