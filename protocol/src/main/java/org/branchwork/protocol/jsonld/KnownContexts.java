package org.branchwork.protocol.jsonld;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Term definitions of the remote contexts we know, shipped with the library: a context is never
 * fetched. A context URL not listed here contributes no terms (its terms are then read by name).
 */
final class KnownContexts {

    private static final Map<String, Map<String, String>> CONTEXTS = new HashMap<>();

    static {
        Map<String, String> as = new HashMap<>();
        as.put("as", Namespaces.AS);
        as.put("ldp", Namespaces.LDP);
        as.put("id", "@id");
        as.put("type", "@type");
        for (String term : Terms.activityStreamsTerms()) {
            as.put(term, Namespaces.AS + term);
        }
        as.put("inbox", "ldp:inbox");
        for (String url : List.of(
                "https://www.w3.org/ns/activitystreams",
                "http://www.w3.org/ns/activitystreams",
                "https://www.w3.org/ns/activitystreams.jsonld",
                "http://www.w3.org/ns/activitystreams.jsonld")) {
            CONTEXTS.put(url, as);
        }

        Map<String, String> security = new HashMap<>();
        security.put("sec", Namespaces.SEC);
        for (String term : List.of(
                "publicKey",
                "publicKeyPem",
                "owner",
                "signature",
                "signatureValue",
                "created",
                "expires",
                "proof",
                "proofPurpose",
                "proofValue",
                "verificationMethod",
                "assertionMethod",
                "controller")) {
            security.put(term, Namespaces.SEC + term);
        }
        CONTEXTS.put("https://w3id.org/security/v1", security);
        CONTEXTS.put("http://w3id.org/security/v1", security);

        Map<String, String> integrity = new HashMap<>();
        for (String term : List.of(
                "DataIntegrityProof",
                "cryptosuite",
                "proof",
                "proofPurpose",
                "proofValue",
                "verificationMethod",
                "created",
                "expires",
                "assertionMethod",
                "Multikey",
                "publicKeyMultibase",
                "controller")) {
            integrity.put(term, Namespaces.SEC + term);
        }
        CONTEXTS.put("https://w3id.org/security/data-integrity/v1", integrity);
        CONTEXTS.put("https://w3id.org/security/data-integrity/v2", integrity);
        CONTEXTS.put("https://w3id.org/security/multikey/v1", integrity);
        CONTEXTS.put("https://www.w3.org/ns/cid/v1", integrity);
    }

    private KnownContexts() {}

    static Optional<Map<String, String>> get(String url) {
        return Optional.ofNullable(CONTEXTS.get(url));
    }
}
