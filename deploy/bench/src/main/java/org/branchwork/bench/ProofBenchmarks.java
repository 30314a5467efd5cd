package org.branchwork.bench;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.proof.ProofCheck;
import org.branchwork.protocol.sig.KeyPairs;

/**
 * FEP-8b32 proofs on a typical activity, next to the bare work they must do: two SHA-256 hashes of
 * the serialised JSON and one Ed25519 operation (JCS canonicalisation is the difference).
 */
@State(Scope.Benchmark)
public class ProofBenchmarks {

    private KeyPair keys;
    private org.branchwork.protocol.sig.SigningKey signingKey;
    private ObjectNode activity;
    private ObjectNode signed;
    private byte[] serialised;
    private byte[] signature;
    private Ed25519PrivateKeyParameters bcPrivate;
    private Ed25519PublicKeyParameters bcPublic;

    @Setup
    public void setUp() throws Exception {
        keys = KeyPairs.generateEd25519(new SecureRandom());
        signingKey = new org.branchwork.protocol.sig.SigningKey(
                "https://mastodon.example/users/alice#ed25519-key", keys.getPrivate());
        ObjectMapper json = new ObjectMapper();
        activity = (ObjectNode) json.readTree(Payloads.CREATE_NOTE);
        signed = DataIntegrityProofs.sign(
                activity, keys.getPrivate(), "https://mastodon.example/users/alice#ed25519-key", Instant.now());
        serialised = json.writeValueAsBytes(activity);
        bcPrivate = new Ed25519PrivateKeyParameters(KeyPairs.rawEd25519(keys.getPrivate()), 0);
        bcPublic = new Ed25519PublicKeyParameters(KeyPairs.rawEd25519(keys.getPublic()), 0);
        signature = rawSign();
    }

    @Benchmark
    public ObjectNode proofCreate() {
        return DataIntegrityProofs.sign(activity, signingKey, Instant.EPOCH);
    }

    @Benchmark
    public ProofCheck proofVerify() {
        return DataIntegrityProofs.verify(signed, keys.getPublic());
    }

    @Benchmark
    public byte[] rawHashAndSign() throws Exception {
        return rawSign();
    }

    @Benchmark
    public boolean rawHashAndVerify() throws Exception {
        byte[] data = hashes();
        Ed25519Signer s = new Ed25519Signer();
        s.init(false, bcPublic);
        s.update(data, 0, data.length);
        return s.verifySignature(signature);
    }

    private byte[] rawSign() throws Exception {
        byte[] data = hashes();
        Ed25519Signer s = new Ed25519Signer();
        s.init(true, bcPrivate);
        s.update(data, 0, data.length);
        return s.generateSignature();
    }

    private byte[] hashes() throws Exception {
        byte[] a =
                MessageDigest.getInstance("SHA-256").digest("{\"proof\":\"options\"}".getBytes(StandardCharsets.UTF_8));
        byte[] b = MessageDigest.getInstance("SHA-256").digest(serialised);
        byte[] out = new byte[64];
        System.arraycopy(a, 0, out, 0, 32);
        System.arraycopy(b, 0, out, 32, 32);
        return out;
    }
}
