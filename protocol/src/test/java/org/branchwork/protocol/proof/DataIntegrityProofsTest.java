package org.branchwork.protocol.proof;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.Multikey;

import static org.assertj.core.api.Assertions.assertThat;

class DataIntegrityProofsTest {

    // W3C vc-di-eddsa test key pair (also FEP-8b32's example key). Published for tests; not secret.
    static final String SECRET = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
    static final String PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theTestKeyPairIsConsistent() {
        PrivateKey secret = Multikey.decodePrivate(SECRET);

        assertThat(Multikey.encode(KeyPairs.ed25519PublicOf(secret))).isEqualTo(PUBLIC);
    }

    @Test
    void w3cVcDiEddsaJcs2022VectorVerifies() throws Exception {
        ObjectNode signed = (ObjectNode) json.readTree("""
                {
                  "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
                  "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
                  "type": ["VerifiableCredential", "AlumniCredential"],
                  "name": "Alumni Credential",
                  "description": "A minimum viable example of an Alumni Credential.",
                  "issuer": "https://vc.example/issuers/5678",
                  "validFrom": "2023-01-01T00:00:00Z",
                  "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
                  "proof": {
                    "type": "DataIntegrityProof",
                    "cryptosuite": "eddsa-jcs-2022",
                    "created": "2023-02-24T23:36:38Z",
                    "verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
                    "proofPurpose": "assertionMethod",
                    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
                    "proofValue": "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"
                  }
                }
                """);

        assertThat(DataIntegrityProofs.verify(signed, Multikey.decodePublic(PUBLIC)))
                .isInstanceOf(ProofCheck.Valid.class);

        signed.put("name", "Forged Credential");
        assertThat(DataIntegrityProofs.verify(signed, Multikey.decodePublic(PUBLIC)))
                .isInstanceOf(ProofCheck.Invalid.class);
    }

    @Test
    void fep8b32ExampleIsReproducedByteForByte() throws Exception {
        ObjectNode activity = (ObjectNode) json.readTree("""
                {
                  "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/data-integrity/v1"],
                  "type": "Create",
                  "actor": "https://server.example/users/alice",
                  "object": {"type": "Note", "content": "Hello world"}
                }
                """);

        ObjectNode signed = DataIntegrityProofs.sign(
                activity,
                Multikey.decodePrivate(SECRET),
                "https://server.example/users/alice#ed25519-key",
                Instant.parse("2023-02-24T23:36:38Z"));

        assertThat(signed.at("/proof/proofValue").asText())
                .isEqualTo("z3sXaxjKs4M3BRicwWA9peyNPJvJqxtGsDmpt1jjoHCjgeUf71TRFz56osPSfDErszyLp5Ks1EhYSgpDaNM977Rg2");
        assertThat(DataIntegrityProofs.verify(signed, Multikey.decodePublic(PUBLIC)))
                .isEqualTo(new ProofCheck.Valid("https://server.example/users/alice#ed25519-key"));
    }

    @Test
    void tamperedDocumentsProofsAndKeysAreRefused() throws Exception {
        KeyPair keys = KeyPairs.generateEd25519(new SecureRandom());
        ObjectNode note = (ObjectNode) json.readTree("{\"type\":\"Note\",\"content\":\"Rally on Saturday\"}");
        ObjectNode signed =
                DataIntegrityProofs.sign(note, keys.getPrivate(), "https://a.example/actor#ed", Instant.now());
        PublicKey other = KeyPairs.generateEd25519(new SecureRandom()).getPublic();

        assertThat(DataIntegrityProofs.verify(signed, keys.getPublic())).isInstanceOf(ProofCheck.Valid.class);
        assertThat(DataIntegrityProofs.verify(signed, other)).isInstanceOf(ProofCheck.Invalid.class);

        ObjectNode changedContent = signed.deepCopy().put("content", "Rally on Sunday");
        assertThat(DataIntegrityProofs.verify(changedContent, keys.getPublic())).isInstanceOf(ProofCheck.Invalid.class);

        ObjectNode changedProof = signed.deepCopy();
        ((ObjectNode) changedProof.get("proof")).put("created", "2020-01-01T00:00:00Z");
        assertThat(DataIntegrityProofs.verify(changedProof, keys.getPublic())).isInstanceOf(ProofCheck.Invalid.class);

        ObjectNode wrongSuite = signed.deepCopy();
        ((ObjectNode) wrongSuite.get("proof")).put("cryptosuite", "eddsa-rdfc-2022");
        assertThat(DataIntegrityProofs.verify(wrongSuite, keys.getPublic()))
                .isEqualTo(
                        new ProofCheck.Invalid(
                                "unsupported proof DataIntegrityProof/eddsa-rdfc-2022; only DataIntegrityProof/eddsa-jcs-2022 is verified"));

        assertThat(DataIntegrityProofs.verify(note, keys.getPublic()))
                .isEqualTo(new ProofCheck.Invalid("the document has no proof"));
    }
}
