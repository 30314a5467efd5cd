package org.branchwork.bench;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.branchwork.protocol.sig.HttpSignatureSigner;
import org.branchwork.protocol.sig.HttpSignatureVerifier;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.KeyResolver;
import org.branchwork.protocol.sig.ResolvedKey;
import org.branchwork.protocol.sig.SignableRequest;
import org.branchwork.protocol.sig.SignaturePolicy;
import org.branchwork.protocol.sig.SigningKey;
import org.branchwork.protocol.sig.Verification;

/** HTTP signatures, both specs and both key types, next to the bare primitive each one costs. */
@State(Scope.Benchmark)
public class SignatureBenchmarks {

    private static final URI INBOX = URI.create("https://manchester.example/inbox");
    private static final String KEY_ID = "https://stockport.example/actor#main-key";

    private KeyPair rsa;
    private KeyPair ed25519;
    private byte[] body;
    private Instant now;
    private SignableRequest request;
    private SignableRequest cavageRsa;
    private SignableRequest rfcRsa;
    private SignableRequest rfcEd25519;
    private HttpSignatureSigner signer;
    private SigningKey rsaKey;
    private SigningKey edKey;
    private HttpSignatureVerifier verifier;
    private KeyResolver rsaKeys;
    private KeyResolver edKeys;
    private byte[] base;
    private byte[] rsaSignature;
    private byte[] edSignature;
    private Ed25519PrivateKeyParameters bcEdPrivate;
    private Ed25519PublicKeyParameters bcEdPublic;

    @Setup
    public void setUp() throws Exception {
        SecureRandom random = new SecureRandom();
        rsa = KeyPairs.generateRsa(random);
        ed25519 = KeyPairs.generateEd25519(random);
        body = Payloads.CREATE_NOTE.getBytes(StandardCharsets.UTF_8);
        now = Instant.now();
        request = SignableRequest.of("POST", INBOX).withHeader("Content-Type", "application/activity+json");
        signer = new HttpSignatureSigner();
        rsaKey = new SigningKey(KEY_ID, rsa.getPrivate());
        edKey = new SigningKey(KEY_ID, ed25519.getPrivate());
        cavageRsa = signer.signCavage(request, body, new SigningKey(KEY_ID, rsa.getPrivate()), now);
        rfcRsa = signer.signRfc9421(request, body, new SigningKey(KEY_ID, rsa.getPrivate()), now);
        rfcEd25519 = signer.signRfc9421(request, body, new SigningKey(KEY_ID, ed25519.getPrivate()), now);
        verifier = new HttpSignatureVerifier(SignaturePolicy.defaults(), Clock.fixed(now, ZoneOffset.UTC));
        URI owner = URI.create("https://stockport.example/actor");
        rsaKeys = id -> Optional.of(new ResolvedKey(id, owner, rsa.getPublic()));
        edKeys = id -> Optional.of(new ResolvedKey(id, owner, ed25519.getPublic()));
        // A signing string of typical size, for the bare primitives.
        base =
                ("\"@method\": POST\n\"@target-uri\": https://manchester.example/inbox\n\"@authority\": manchester.example\n"
                                + "\"date\": Sun, 22 Nov 2026 12:00:00 GMT\n\"content-digest\": sha-256=:RK/0qy18MlBSVnWgjwz6lZEWjP/lF5HF9bvEF8FabDg=:\n"
                                + "\"@signature-params\": (\"@method\" \"@target-uri\" \"@authority\" \"date\" \"content-digest\");created=1795000000;"
                                + "keyid=\"https://stockport.example/actor#main-key\";alg=\"rsa-v1_5-sha256\"")
                        .getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(rsa.getPrivate());
        s.update(base);
        rsaSignature = s.sign();
        bcEdPrivate = new Ed25519PrivateKeyParameters(KeyPairs.rawEd25519(ed25519.getPrivate()), 0);
        bcEdPublic = new Ed25519PublicKeyParameters(KeyPairs.rawEd25519(ed25519.getPublic()), 0);
        Ed25519Signer e = new Ed25519Signer();
        e.init(true, bcEdPrivate);
        e.update(base, 0, base.length);
        edSignature = e.generateSignature();
    }

    @Benchmark
    public SignableRequest signCavageRsa() {
        return signer.signCavage(request, body, rsaKey, now);
    }

    @Benchmark
    public SignableRequest signRfc9421Rsa() {
        return signer.signRfc9421(request, body, rsaKey, now);
    }

    @Benchmark
    public SignableRequest signRfc9421Ed25519() {
        return signer.signRfc9421(request, body, edKey, now);
    }

    @Benchmark
    public Verification verifyCavageRsa() {
        return verifier.verify(cavageRsa, body, rsaKeys);
    }

    @Benchmark
    public Verification verifyRfc9421Rsa() {
        return verifier.verify(rfcRsa, body, rsaKeys);
    }

    @Benchmark
    public Verification verifyRfc9421Ed25519() {
        return verifier.verify(rfcEd25519, body, edKeys);
    }

    @Benchmark
    public byte[] rawJdkRsaSign() throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initSign(rsa.getPrivate());
        s.update(base);
        return s.sign();
    }

    @Benchmark
    public boolean rawJdkRsaVerify() throws Exception {
        Signature s = Signature.getInstance("SHA256withRSA");
        s.initVerify(rsa.getPublic());
        s.update(base);
        return s.verify(rsaSignature);
    }

    @Benchmark
    public byte[] rawBcEd25519Sign() {
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, bcEdPrivate);
        s.update(base, 0, base.length);
        return s.generateSignature();
    }

    @Benchmark
    public boolean rawBcEd25519Verify() {
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, bcEdPublic);
        s.update(base, 0, base.length);
        return s.verifySignature(edSignature);
    }
}
