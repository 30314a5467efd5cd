package org.branchwork.protocol.sig;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.branchwork.protocol.sig.Digests.DigestCheck;

import static org.assertj.core.api.Assertions.assertThat;

class DigestsTest {

    // RFC 9530 appendix / RFC 9421 B.2: the body {"hello": "world"} plus a newline.
    private static final byte[] RFC_BODY = "{\"hello\": \"world\"}\n".getBytes(StandardCharsets.UTF_8);

    @Test
    void contentDigestMatchesTheRfc9530Example() {
        assertThat(Digests.contentDigestHeader(RFC_BODY))
                .isEqualTo("sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:");
        assertThat(Digests.checkContentDigestHeader(
                        "sha-512=:YMAam51Jz/jOATT6/zvHrLVgOYTGFy1d6GJiOHTohq4yP+pgk4vf2aCsyRZOtw8MjkM7iw7yZ/WkppmM44T3qg==:",
                        RFC_BODY))
                .isEqualTo(DigestCheck.MATCH);
    }

    @Test
    void digestHeaderRoundTripsAndDetectsAlteredBodies() {
        String header = Digests.digestHeader(RFC_BODY);

        assertThat(header).startsWith("SHA-256=");
        assertThat(Digests.checkDigestHeader(header, RFC_BODY)).isEqualTo(DigestCheck.MATCH);
        assertThat(Digests.checkDigestHeader(header, "{}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(DigestCheck.MISMATCH);
        assertThat(Digests.checkDigestHeader("sha-256=" + header.substring(8), RFC_BODY))
                .isEqualTo(DigestCheck.MATCH);
    }

    @Test
    void missingUnsupportedAndMalformedHeadersAreToldApart() {
        assertThat(Digests.checkDigestHeader(null, RFC_BODY)).isEqualTo(DigestCheck.MISSING);
        assertThat(Digests.checkDigestHeader("SHA=2jmj7l5rSw0yVb/vlWAYkK/YBwk=", RFC_BODY))
                .isEqualTo(DigestCheck.UNSUPPORTED_ALGORITHM);
        assertThat(Digests.checkDigestHeader("SHA-256=not base64!!", RFC_BODY)).isEqualTo(DigestCheck.MALFORMED);
        assertThat(Digests.checkContentDigestHeader("sha-256=RK/0", RFC_BODY)).isEqualTo(DigestCheck.MALFORMED);
        assertThat(Digests.checkContentDigestHeader("md5=:abc=:", RFC_BODY))
                .isEqualTo(DigestCheck.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void anyMismatchingKnownAlgorithmFailsTheContentDigest() {
        String good = Digests.contentDigestHeader(RFC_BODY);
        String badSha512 = "sha-512=:" + "A".repeat(86) + "==:";

        assertThat(Digests.checkContentDigestHeader(good + ", " + badSha512, RFC_BODY))
                .isEqualTo(DigestCheck.MISMATCH);
    }
}
