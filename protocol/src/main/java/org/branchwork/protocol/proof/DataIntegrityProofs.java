package org.branchwork.protocol.proof;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.protocol.sig.Base58;
import org.branchwork.protocol.sig.Digests;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.KeyType;
import org.branchwork.protocol.sig.Signatures;
import org.branchwork.protocol.sig.SigningKey;

/**
 * FEP-8b32 object integrity proofs: W3C Data Integrity {@code DataIntegrityProof} with the
 * {@code eddsa-jcs-2022} cryptosuite and proof purpose {@code assertionMethod}. The signed data is
 * {@code SHA-256(JCS(proof options)) || SHA-256(JCS(document without proof))}, signed with Ed25519
 * and written as multibase base58btc. No JSON-LD processing is needed (see docs/PROTOCOL.md).
 */
public final class DataIntegrityProofs {

    public static final String TYPE = "DataIntegrityProof";
    public static final String CRYPTOSUITE = "eddsa-jcs-2022";
    public static final String PURPOSE = "assertionMethod";

    private DataIntegrityProofs() {}

    /**
     * Returns a copy of {@code document} with a {@code proof} member added.
     *
     * @param verificationMethod the id of the Ed25519 key in the signer's {@code assertionMethod}
     */
    public static ObjectNode sign(ObjectNode document, PrivateKey key, String verificationMethod, Instant created) {
        return sign(document, new SigningKey(verificationMethod, key), created);
    }

    /**
     * As {@link #sign(ObjectNode, PrivateKey, String, Instant)}, with the key's id as the
     * verification method; reuse the {@link SigningKey} to sign many documents cheaply.
     */
    public static ObjectNode sign(ObjectNode document, SigningKey key, Instant created) {
        if (key.type() != KeyType.ED25519) {
            throw new IllegalArgumentException("eddsa-jcs-2022 needs an Ed25519 key");
        }
        String verificationMethod = key.keyId();
        ObjectNode unsecured = document.deepCopy();
        unsecured.remove("proof");
        ObjectNode proof = JsonNodeFactory.instance.objectNode();
        proof.put("type", TYPE);
        proof.put("cryptosuite", CRYPTOSUITE);
        proof.put("verificationMethod", verificationMethod);
        proof.put("proofPurpose", PURPOSE);
        proof.put("created", created.truncatedTo(ChronoUnit.SECONDS).toString());
        byte[] signature = key.sign(hashData(proof, unsecured));
        proof.put("proofValue", "z" + Base58.encode(signature));
        ObjectNode secured = unsecured.deepCopy();
        secured.set("proof", proof);
        return secured;
    }

    /** Reads the proof of a secured document, or says why it cannot be one we verify. */
    public static ProofCheck inspect(JsonNode document) {
        JsonNode proof = document.get("proof");
        if (proof == null) {
            return new ProofCheck.Invalid("the document has no proof");
        }
        if (!proof.isObject()) {
            return new ProofCheck.Invalid("only a single proof object is supported, not " + proof.getNodeType());
        }
        if (!TYPE.equals(proof.path("type").asText())
                || !CRYPTOSUITE.equals(proof.path("cryptosuite").asText())) {
            return new ProofCheck.Invalid("unsupported proof "
                    + proof.path("type").asText() + "/"
                    + proof.path("cryptosuite").asText() + "; only DataIntegrityProof/eddsa-jcs-2022 is verified");
        }
        if (!PURPOSE.equals(proof.path("proofPurpose").asText())) {
            return new ProofCheck.Invalid("proof purpose must be assertionMethod");
        }
        String method = proof.path("verificationMethod").asText("");
        if (method.isEmpty()) {
            return new ProofCheck.Invalid("the proof names no verificationMethod");
        }
        String value = proof.path("proofValue").asText("");
        if (value.length() < 2 || value.charAt(0) != 'z') {
            return new ProofCheck.Invalid("proofValue must be multibase base58btc ('z…')");
        }
        return new ProofCheck.Pending(method);
    }

    /** Verifies the document's proof with the Ed25519 key its {@code verificationMethod} names. */
    public static ProofCheck verify(JsonNode document, PublicKey key) {
        ProofCheck inspected = inspect(document);
        if (!(inspected instanceof ProofCheck.Pending pending)) {
            return inspected;
        }
        if (KeyType.of(key) != KeyType.ED25519) {
            return new ProofCheck.Invalid("the verification method is not an Ed25519 key");
        }
        ObjectNode proofOptions = ((ObjectNode) document.get("proof")).deepCopy();
        byte[] signature;
        try {
            signature = Base58.decode(proofOptions.remove("proofValue").asText().substring(1));
        } catch (IllegalArgumentException e) {
            return new ProofCheck.Invalid("proofValue is not base58btc");
        }
        JsonNode documentContext = document.get("@context");
        JsonNode proofContext = proofOptions.get("@context");
        if (proofContext != null && documentContext != null && !startsWith(documentContext, proofContext)) {
            return new ProofCheck.Invalid("the proof's @context does not match the document's");
        }
        ObjectNode unsecured = ((ObjectNode) document).deepCopy();
        unsecured.remove("proof");
        boolean valid = Signatures.verify(
                KeyPairs.ed25519PublicKey(KeyPairs.rawEd25519(key)), hashData(proofOptions, unsecured), signature);
        return valid
                ? new ProofCheck.Valid(pending.verificationMethod())
                : new ProofCheck.Invalid("the proof does not match the document and key");
    }

    private static boolean startsWith(JsonNode documentContext, JsonNode proofContext) {
        if (proofContext.equals(documentContext)) {
            return true;
        }
        if (!documentContext.isArray()) {
            return false;
        }
        JsonNode prefix = proofContext.isArray()
                ? proofContext
                : JsonNodeFactory.instance.arrayNode().add(proofContext);
        if (prefix.size() > documentContext.size()) {
            return false;
        }
        Iterator<JsonNode> a = prefix.elements();
        Iterator<JsonNode> b = documentContext.elements();
        while (a.hasNext()) {
            if (!a.next().equals(b.next())) {
                return false;
            }
        }
        return true;
    }

    private static byte[] hashData(JsonNode proofOptions, JsonNode unsecured) {
        byte[] proofHash = Digests.sha256(Jcs.canonicalize(proofOptions).getBytes(StandardCharsets.UTF_8));
        byte[] docHash = Digests.sha256(Jcs.canonicalize(unsecured).getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[64];
        System.arraycopy(proofHash, 0, out, 0, 32);
        System.arraycopy(docHash, 0, out, 32, 32);
        return out;
    }
}
