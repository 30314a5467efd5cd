package org.branchwork.protocol.sig;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.branchwork.protocol.sig.Verification.Reason;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.protocol.sig.HttpSignatureVectorsTest.BODY;
import static org.branchwork.protocol.sig.HttpSignatureVectorsTest.CAVAGE_BASIC_SIGNATURE;
import static org.branchwork.protocol.sig.HttpSignatureVectorsTest.CAVAGE_NOW;
import static org.branchwork.protocol.sig.HttpSignatureVectorsTest.RFC_B26_INPUT;
import static org.branchwork.protocol.sig.HttpSignatureVectorsTest.RFC_B26_SIGNATURE;
import static org.branchwork.protocol.sig.HttpSignatureVectorsTest.RFC_NOW;
import static org.branchwork.protocol.sig.HttpSignatureVectorsTest.VECTOR_POLICY;

/**
 * The published draft-cavage-12 "Basic" and RFC 9421 B.2.6 examples, each tampered in every way
 * the issue lists, and each tampering refused with its own reason.
 */
class PublishedVectorTamperTest {

    enum Vector {
        CAVAGE_BASIC,
        RFC9421_B26;

        SignableRequest request() {
            return this == CAVAGE_BASIC
                    ? HttpSignatureVectorsTest.cavageRequest()
                            .withHeader(
                                    "Signature",
                                    "keyId=\"Test\",algorithm=\"rsa-sha256\","
                                            + "headers=\"(request-target) host date\",signature=\""
                                            + CAVAGE_BASIC_SIGNATURE + "\"")
                    : HttpSignatureVectorsTest.rfcRequest()
                            .withHeader("Signature-Input", RFC_B26_INPUT)
                            .withHeader("Signature", "sig-b26=:" + RFC_B26_SIGNATURE + ":");
        }

        String keyId() {
            return this == CAVAGE_BASIC ? "Test" : "test-key-ed25519";
        }

        PublicKey key() {
            return this == CAVAGE_BASIC
                    ? HttpSignatureVectorsTest.cavagePublicKey()
                    : HttpSignatureVectorsTest.rfcEd25519Public();
        }

        Instant now() {
            return this == CAVAGE_BASIC ? CAVAGE_NOW : RFC_NOW;
        }
    }

    private static Verification verify(Vector v, SignableRequest request, byte[] body, SignaturePolicy policy) {
        return HttpSignatureVectorsTest.verifier(policy, v.now())
                .verify(request, body, HttpSignatureVectorsTest.keys(v.keyId(), v.key()));
    }

    private static Reason reason(Vector v, SignableRequest request, byte[] body) {
        Verification result = verify(v, request, body, VECTOR_POLICY);
        assertThat(result).as("expected a refusal").isInstanceOf(Verification.Rejected.class);
        return ((Verification.Rejected) result).reason();
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void untouchedVectorVerifies(Vector v) {
        assertThat(verify(v, v.request(), BODY, VECTOR_POLICY).isVerified()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void alteredBody(Vector v) {
        assertThat(reason(v, v.request(), "{\"hello\": \"world!\"}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Reason.DIGEST_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void alteredCoveredHeader(Vector v) {
        // Each example covers different headers: cavage's "Basic" host and date, B.2.6 content-type and date.
        String covered = v == Vector.CAVAGE_BASIC ? "host" : "content-type";
        assertThat(reason(v, replace(v.request(), covered, h -> h + "x"), BODY)).isEqualTo(Reason.BAD_SIGNATURE);
        assertThat(reason(
                        v,
                        replace(
                                v.request(),
                                "date",
                                h -> h.replace(":55", ":56").replace(":40", ":41")),
                        BODY))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void alteredMethod(Vector v) {
        SignableRequest r = v.request();
        assertThat(reason(v, new SignableRequest("PUT", r.target(), r.headers()), BODY))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void alteredPath(Vector v) {
        SignableRequest r = v.request();
        URI moved = URI.create(r.target().toString().replace("/foo", "/bar"));
        assertThat(reason(v, new SignableRequest(r.method(), moved, r.headers()), BODY))
                .isEqualTo(Reason.BAD_SIGNATURE);
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void dateOutOfWindow(Vector v) {
        Verification late = HttpSignatureVectorsTest.verifier(
                        VECTOR_POLICY, v.now().plusSeconds(7200))
                .verify(v.request(), BODY, HttpSignatureVectorsTest.keys(v.keyId(), v.key()));
        assertThat(((Verification.Rejected) late).reason()).isEqualTo(Reason.DATE_OUT_OF_WINDOW);
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void digestMissingFromTheCoveredSet(Vector v) {
        // The published examples cover no digest; the default policy demands it on a POST.
        Verification strict =
                verify(v, v.request(), BODY, SignaturePolicy.defaults().withMinimumRsaBits(1024));
        assertThat(((Verification.Rejected) strict).reason()).isEqualTo(Reason.DIGEST_NOT_COVERED);
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void wrongKeyType(Vector v) {
        PublicKey other = v == Vector.CAVAGE_BASIC
                ? HttpSignatureVectorsTest.rfcEd25519Public()
                : HttpSignatureVectorsTest.cavagePublicKey();
        SignableRequest r = v == Vector.CAVAGE_BASIC
                ? v.request()
                : replace(v.request(), "signature-input", s -> s + ";alg=\"ed25519\"");
        Verification result = HttpSignatureVectorsTest.verifier(VECTOR_POLICY, v.now())
                .verify(r, BODY, HttpSignatureVectorsTest.keys(v.keyId(), other));
        assertThat(((Verification.Rejected) result).reason()).isIn(Reason.KEY_TYPE_MISMATCH);
    }

    @ParameterizedTest
    @EnumSource(Vector.class)
    void truncatedSignature(Vector v) {
        String signature = v == Vector.CAVAGE_BASIC ? CAVAGE_BASIC_SIGNATURE : RFC_B26_SIGNATURE;
        String truncated = java.util.Base64.getEncoder()
                .encodeToString(
                        java.util.Arrays.copyOf(java.util.Base64.getDecoder().decode(signature), 40));
        SignableRequest r = replace(v.request(), "signature", s -> s.replace(signature, truncated));
        assertThat(reason(v, r, BODY)).isEqualTo(Reason.BAD_SIGNATURE);
    }

    private static SignableRequest replace(SignableRequest r, String name, UnaryOperator<String> change) {
        Map<String, List<String>> headers = new LinkedHashMap<>(r.headers());
        headers.put(name, List.of(change.apply(r.header(name).orElseThrow())));
        return new SignableRequest(r.method(), r.target(), headers);
    }
}
