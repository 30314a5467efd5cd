package org.branchwork.protocol.sig;

import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.branchwork.protocol.sig.Verification.Reason;

import static org.assertj.core.api.Assertions.assertThat;

/** The published examples of draft-cavage-12 (Appendix C) and RFC 9421 (Appendix B.2.6) verify. */
class HttpSignatureVectorsTest {

    /** draft-cavage-http-signatures-12 Appendix C: the "Test" key (1024-bit RSA, PKCS#1). Published, not secret. */
    static final String CAVAGE_TEST_KEY = """
            -----BEGIN RSA PRIVATE KEY-----
            MIICXgIBAAKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj+CvfSC8+q28hxA161QF
            NUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6Z4UMR7EOcpfdUE9Hf3m/hs+F
            UR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJwoYi+1hqp1fIekaxsyQIDAQAB
            AoGBAJR8ZkCUvx5kzv+utdl7T5MnordT1TvoXXJGXK7ZZ+UuvMNUCdN2QPc4sBiA
            QWvLw1cSKt5DsKZ8UETpYPy8pPYnnDEz2dDYiaew9+xEpubyeW2oH4Zx71wqBtOK
            kqwrXa/pzdpiucRRjk6vE6YY7EBBs/g7uanVpGibOVAEsqH1AkEA7DkjVH28WDUg
            f1nqvfn2Kj6CT7nIcE3jGJsZZ7zlZmBmHFDONMLUrXR/Zm3pR5m0tCmBqa5RK95u
            412jt1dPIwJBANJT3v8pnkth48bQo/fKel6uEYyboRtA5/uHuHkZ6FQF7OUkGogc
            mSJluOdc5t6hI1VsLn0QZEjQZMEOWr+wKSMCQQCC4kXJEsHAve77oP6HtG/IiEn7
            kpyUXRNvFsDE0czpJJBvL/aRFUJxuRK91jhjC68sA7NsKMGg5OXb5I5Jj36xAkEA
            gIT7aFOYBFwGgQAQkWNKLvySgKbAZRTeLBacpHMuQdl1DfdntvAyqpAZ0lY0RKmW
            G6aFKaqQfOXKCyWoUiVknQJAXrlgySFci/2ueKlIE1QqIiLSZ8V8OlpFLRnb1pzI
            7U1yQXnTAEFYM560yJlzUpOb1V4cScGd365tiSMvxLOvTA==
            -----END RSA PRIVATE KEY-----
            """;

    static final String CAVAGE_DEFAULT_SIGNATURE =
            "SjWJWbWN7i0wzBvtPl8rbASWz5xQW6mcJmn+ibttBqtifLN7Sazz6m79cNfwwb8DMJ5cou1s7"
                    + "uEGKKCs+FLEEaDV5lp7q25WqS+lavg7T8hc0GppauB6hbgEKTwblDHYGEtbGmtdHgVCk9SuS13F0hZ8FD0k/5OxEPXe5WozsbM=";
    static final String CAVAGE_BASIC_SIGNATURE =
            "qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR"
                    + "2aAjn7ndmw2iicw3HMbe8VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0=";

    /** RFC 9421 Appendix B.1.4: test-key-ed25519 as a JWK ({@code d} is the seed, {@code x} the public key). */
    static final String RFC_ED25519_D = "n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU";

    static final String RFC_ED25519_X = "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs";
    static final String RFC_B26_SIGNATURE =
            "wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==";
    static final String RFC_B26_INPUT = "sig-b26=(\"date\" \"@method\" \"@path\" \"@authority\" \"content-type\" "
            + "\"content-length\");created=1618884473;keyid=\"test-key-ed25519\"";

    static final Instant CAVAGE_NOW = Instant.parse("2014-01-05T21:31:40Z");
    static final Instant RFC_NOW = Instant.parse("2021-04-20T02:07:55Z");

    static PrivateKey cavagePrivateKey() {
        return Pem.readPrivateKey(CAVAGE_TEST_KEY);
    }

    static PublicKey cavagePublicKey() {
        // Through SPKI PEM and back, as a peer would publish it.
        return Pem.readPublicKey(Pem.writePublicKey(rsaPublicOf(cavagePrivateKey())));
    }

    static PublicKey rsaPublicOf(PrivateKey key) {
        try {
            var crt = (java.security.interfaces.RSAPrivateCrtKey) key;
            return java.security.KeyFactory.getInstance("RSA")
                    .generatePublic(new java.security.spec.RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey rfcEd25519Private() {
        return KeyPairs.ed25519PrivateKey(Base64.getUrlDecoder().decode(RFC_ED25519_D));
    }

    static PublicKey rfcEd25519Public() {
        return KeyPairs.ed25519PublicKey(Base64.getUrlDecoder().decode(RFC_ED25519_X));
    }

    /** The request of draft-cavage-12 Appendix C. */
    static SignableRequest cavageRequest() {
        return SignableRequest.of("POST", URI.create("http://example.com/foo?param=value&pet=dog"))
                .withHeader("Host", "example.com")
                .withHeader("Date", "Sun, 05 Jan 2014 21:31:40 GMT")
                .withHeader("Content-Type", "application/json")
                .withHeader("Digest", "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=")
                .withHeader("Content-Length", "18");
    }

    /** The request of RFC 9421 Appendix B.2. */
    static SignableRequest rfcRequest() {
        return SignableRequest.of("POST", URI.create("https://example.com/foo?param=Value&Pet=dog"))
                .withHeader("Host", "example.com")
                .withHeader("Date", "Tue, 20 Apr 2021 02:07:55 GMT")
                .withHeader("Content-Type", "application/json")
                .withHeader(
                        "Content-Digest",
                        "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:")
                .withHeader("Content-Length", "18");
    }

    static final byte[] BODY = "{\"hello\": \"world\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    static HttpSignatureVerifier verifier(SignaturePolicy policy, Instant now) {
        return new HttpSignatureVerifier(policy, Clock.fixed(now, ZoneOffset.UTC));
    }

    static KeyResolver keys(String keyId, PublicKey key) {
        URI owner = URI.create("https://example.com/actor");
        return id -> id.equals(keyId) ? Optional.of(new ResolvedKey(keyId, owner, key)) : Optional.empty();
    }

    /** The published examples predate the digest rule and use a 1024-bit key. */
    static final SignaturePolicy VECTOR_POLICY =
            SignaturePolicy.defaults().withoutDigestRequirement().withMinimumRsaBits(1024);

    @Test
    void cavageDefaultTestVerifies() {
        SignableRequest request = cavageRequest()
                .withHeader(
                        "Signature",
                        "keyId=\"Test\",algorithm=\"rsa-sha256\",signature=\"" + CAVAGE_DEFAULT_SIGNATURE + "\"");

        Verification result =
                verifier(VECTOR_POLICY, CAVAGE_NOW).verify(request, BODY, keys("Test", cavagePublicKey()));

        assertThat(result).isInstanceOf(Verification.Verified.class);
        assertThat(((Verification.Verified) result).covered()).containsExactly("date");
    }

    /** The spec's Basic Test: covers the target, host and date, signed with its test key. */
    private static SignableRequest cavageBasicRequest() {
        return cavageRequest()
                .withHeader(
                        "Signature",
                        "keyId=\"Test\",algorithm=\"rsa-sha256\","
                                + "headers=\"(request-target) host date\",signature=\"" + CAVAGE_BASIC_SIGNATURE
                                + "\"");
    }

    @Test
    void cavageBasicTestVerifiesAndOurSignerReproducesIt() {
        SignableRequest request = cavageBasicRequest();

        Verification result =
                verifier(VECTOR_POLICY, CAVAGE_NOW).verify(request, BODY, keys("Test", cavagePublicKey()));

        assertThat(result.isVerified()).as(result.toString()).isTrue();
        // RSASSA-PKCS1-v1_5 is deterministic: signing the same string gives the published bytes.
        byte[] ours = Signatures.sign(
                cavagePrivateKey(),
                "(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: Sun, 05 Jan 2014 21:31:40 GMT"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Base64.getEncoder().encodeToString(ours)).isEqualTo(CAVAGE_BASIC_SIGNATURE);
    }

    @Test
    void cavageVectorIsRefusedByTheDefaultPolicyForItsMissingDigestAndWeakKey() {
        SignableRequest request = cavageBasicRequest();

        Verification strict =
                verifier(SignaturePolicy.defaults(), CAVAGE_NOW).verify(request, BODY, keys("Test", cavagePublicKey()));
        Verification weakKey = verifier(SignaturePolicy.defaults().withoutDigestRequirement(), CAVAGE_NOW)
                .verify(request, BODY, keys("Test", cavagePublicKey()));

        assertThat(strict)
                .isEqualTo(new Verification.Rejected(
                        Reason.DIGEST_NOT_COVERED, "a request with a body must cover its digest"));
        assertThat(((Verification.Rejected) weakKey).reason()).isEqualTo(Reason.KEY_TOO_WEAK);
    }

    @Test
    void rfc9421Ed25519ExampleVerifiesAndOurSignatureIsByteForByteThePublishedOne() {
        SignableRequest request = rfcRequest()
                .withHeader("Signature-Input", RFC_B26_INPUT)
                .withHeader("Signature", "sig-b26=:" + RFC_B26_SIGNATURE + ":");

        Verification result =
                verifier(VECTOR_POLICY, RFC_NOW).verify(request, BODY, keys("test-key-ed25519", rfcEd25519Public()));

        assertThat(result.isVerified()).as(result.toString()).isTrue();
        assertThat(((Verification.Verified) result).spec()).isEqualTo(SignatureSpec.RFC9421);
        var parsed = (HttpSignatureVerifier.Parsed.Claim)
                verifier(VECTOR_POLICY, RFC_NOW).parse(request);
        assertThat(parsed.claim().signingBase()).isEqualTo("""
                "date": Tue, 20 Apr 2021 02:07:55 GMT
                "@method": POST
                "@path": /foo
                "@authority": example.com
                "content-type": application/json
                "content-length": 18
                "@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");\
                created=1618884473;keyid="test-key-ed25519\"""");
        byte[] ours = Signatures.sign(
                rfcEd25519Private(), parsed.claim().signingBase().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(Base64.getEncoder().encodeToString(ours)).isEqualTo(RFC_B26_SIGNATURE);
    }

    @Test
    void rfc9421SignatureBasesOfTheOtherExamplesMatchTheRfc() throws Exception {
        // B.2.1 (minimal) and B.2.3 (full coverage): the bases are what the RFC prints, even though
        // their rsa-pss-sha512 algorithm is one we do not accept.
        String minimal = SigningBases.rfc9421(
                rfcRequest(),
                StructuredSignatureFields.parseSignatureInput(
                                "sig-b21=(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-type\");created=1618884473"
                                        + ";keyid=\"test-key-rsa-pss\"")
                        .get("sig-b21")
                        .components(),
                "(\"@method\" \"@authority\" \"@path\" \"@query\" \"content-type\");created=1618884473;keyid=\"test-key-rsa-pss\"");
        assertThat(minimal).isEqualTo("""
                "@method": POST
                "@authority": example.com
                "@path": /foo
                "@query": ?param=Value&Pet=dog
                "content-type": application/json
                "@signature-params": ("@method" "@authority" "@path" "@query" "content-type");created=1618884473;\
                keyid="test-key-rsa-pss\"""");
        var input = StructuredSignatureFields.parseSignatureInput(
                        "sig-b23=(\"date\" \"@method\" \"@path\" \"@query\" "
                                + "\"@authority\" \"content-type\" \"content-digest\" \"content-length\");created=1618884473;keyid=\"test-key-rsa-pss\"")
                .get("sig-b23");
        assertThat(SigningBases.rfc9421(rfcRequest(), input.components(), input.raw()))
                .contains(
                        "\"content-digest\": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:\n"
                                + "\"content-length\": 18\n\"@signature-params\": (\"date\" \"@method\" \"@path\" \"@query\" \"@authority\"");
    }

    @Test
    void rsaPssExamplesAreRefusedAsUnsupported() {
        SignableRequest request = rfcRequest()
                .withHeader(
                        "Signature-Input",
                        "sig-b21=(\"@method\");created=1618884473;keyid=\"k\";alg=\"rsa-pss-sha512\"")
                .withHeader("Signature", "sig-b21=:AAAA:");

        Verification result = verifier(VECTOR_POLICY, RFC_NOW).verify(request, BODY, keys("k", rfcEd25519Public()));

        assertThat(((Verification.Rejected) result).reason()).isEqualTo(Reason.UNSUPPORTED_ALGORITHM);
    }
}
