package org.branchwork.protocol.sig;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our signatures checked by an independent implementation (npm {@code http-message-signatures},
 * driven by {@code deploy/interop/sig-interop.mjs}) and theirs by ours. Runs when Node.js and the
 * package are installed ({@code .ci/run} installs them); otherwise skipped with the reason.
 */
class NodeJsInteropTest {

    private static final Path SCRIPT = Path.of("../deploy/interop/sig-interop.mjs");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final KeyPair RSA = KeyPairs.generateRsa(RANDOM);
    private static final KeyPair ED25519 = KeyPairs.generateEd25519(RANDOM);
    private static final URI INBOX = URI.create("https://manchester.example/inbox");
    private static final String BODY = "{\"type\":\"Follow\",\"actor\":\"https://stockport.example/actor\"}";

    @BeforeAll
    static void requireNode() {
        require(
                Files.exists(SCRIPT.getParent().resolve("node_modules/http-message-signatures")),
                "deploy/interop/node_modules is missing: run npm install --prefix deploy/interop --no-package-lock");
        require(nodeWorks(), "Node.js (node) is not on the PATH");
    }

    /** Skipped without Node.js on a developer's machine; in CI, where .ci/run installs it, a failure. */
    private static void require(boolean present, String reason) {
        if (!present && "true".equals(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail(reason);
        }
        assumeTrue(present, reason);
    }

    @ParameterizedTest(name = "{0} {1}: Java signs, npm verifies")
    @CsvSource({"rfc9421,rsa-v1_5-sha256", "rfc9421,ed25519", "cavage,rsa-v1_5-sha256"})
    void theyVerifyOurSignatures(String spec, String alg) throws Exception {
        boolean rsa = alg.startsWith("rsa");
        SigningKey key =
                new SigningKey("https://stockport.example/actor#key", rsa ? RSA.getPrivate() : ED25519.getPrivate());
        SignableRequest request =
                SignableRequest.of("POST", INBOX).withHeader("Content-Type", "application/activity+json");
        HttpSignatureSigner signer = new HttpSignatureSigner();
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        SignableRequest signed = spec.equals("rfc9421")
                ? signer.signRfc9421(request, body, key, Instant.now())
                : signer.signCavage(request, body, key, Instant.now());

        ObjectNode input =
                input("verify", spec, alg, signed, Pem.writePublicKey(rsa ? RSA.getPublic() : ED25519.getPublic()));
        JsonNode out = run(input);

        assertThat(out.path("verified").asBoolean())
                .as("npm verification: " + out)
                .isTrue();

        // And a tampered copy fails there too, so the check above could have failed.
        ObjectNode tampered = input.deepCopy();
        ((ObjectNode) tampered.get("request")).put("url", "https://manchester.example/other-inbox");
        assertThat(run(tampered).path("verified").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0} {1}: npm signs, Java verifies")
    @CsvSource({"rfc9421,rsa-v1_5-sha256", "rfc9421,ed25519", "cavage,rsa-v1_5-sha256"})
    void weVerifyTheirSignatures(String spec, String alg) throws Exception {
        boolean rsa = alg.startsWith("rsa");
        SignableRequest request =
                SignableRequest.of("POST", INBOX).withHeader("Content-Type", "application/activity+json");
        ObjectNode input =
                input("sign", spec, alg, request, Pem.writePrivateKey(rsa ? RSA.getPrivate() : ED25519.getPrivate()));
        input.put("body", BODY);

        JsonNode out = run(input);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        out.get("headers")
                .properties()
                .forEach(e -> headers.put(e.getKey(), List.of(e.getValue().asText())));
        SignableRequest theirs = new SignableRequest("POST", INBOX, headers);

        Verification result = new HttpSignatureVerifier(SignaturePolicy.defaults(), Clock.systemUTC())
                .verify(
                        theirs,
                        BODY.getBytes(StandardCharsets.UTF_8),
                        id -> Optional.of(new ResolvedKey(
                                id,
                                URI.create("https://stockport.example/actor"),
                                rsa ? RSA.getPublic() : ED25519.getPublic())));

        assertThat(result.isVerified())
                .as("their headers " + headers + " gave " + result)
                .isTrue();
        assertThat(((Verification.Verified) result).spec())
                .isEqualTo(spec.equals("rfc9421") ? SignatureSpec.RFC9421 : SignatureSpec.CAVAGE);
    }

    private static ObjectNode input(String op, String spec, String alg, SignableRequest request, String pem) {
        ObjectNode input = JSON.createObjectNode();
        input.put("op", op);
        input.put("spec", spec);
        input.put("alg", alg);
        input.put("keyId", "https://stockport.example/actor#key");
        input.put("keyPem", pem);
        ObjectNode req = input.putObject("request");
        req.put("method", request.method());
        req.put("url", request.target().toString());
        ObjectNode headers = req.putObject("headers");
        request.headers().forEach((name, values) -> headers.put(name, String.join(", ", values)));
        return input;
    }

    private static JsonNode run(ObjectNode input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("node", SCRIPT.toString())
                .redirectErrorStream(false)
                .start();
        process.getOutputStream().write(JSON.writeValueAsBytes(input));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("node exited; stderr: " + err).isZero();
        return JSON.readTree(out);
    }

    private static boolean nodeWorks() {
        try {
            Process p = new ProcessBuilder("node", "--version")
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
