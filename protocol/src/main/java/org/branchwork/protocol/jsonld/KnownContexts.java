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
        for (String term : List.of("Object", "Link", "Activity", "IntransitiveActivity", "Collection", "OrderedCollection",
                "CollectionPage", "OrderedCollectionPage", "Accept", "Add", "Announce", "Arrive", "Block", "Create",
                "Delete", "Dislike", "Flag", "Follow", "Ignore", "Invite", "Join", "Leave", "Like", "Listen", "Move",
                "Offer", "Question", "Reject", "Read", "Remove", "TentativeReject", "TentativeAccept", "Travel", "Undo",
                "Update", "View", "Application", "Group", "Organization", "Person", "Service", "Article", "Audio",
                "Document", "Event", "Image", "Note", "Page", "Place", "Profile", "Relationship", "Tombstone", "Video",
                "Mention", "actor", "attachment", "attributedTo", "audience", "bcc", "bto", "cc", "context", "current",
                "first", "generator", "icon", "image", "inReplyTo", "instrument", "last", "location", "items",
                "orderedItems", "oneOf", "anyOf", "closed", "origin", "next", "object", "prev", "preview", "result",
                "replies", "tag", "target", "to", "url", "accuracy", "altitude", "content", "contentMap", "name", "nameMap",
                "duration", "height", "href", "hreflang", "partOf", "latitude", "longitude", "mediaType", "endTime",
                "published", "radius", "rel", "startIndex", "startTime", "summary", "summaryMap", "totalItems", "units",
                "updated", "width", "subject", "relationship", "describes", "formerType", "deleted", "outbox", "following",
                "followers", "liked", "likes", "shares", "streams", "preferredUsername", "endpoints", "sharedInbox",
                "proxyUrl", "oauthAuthorizationEndpoint", "oauthTokenEndpoint", "provideClientKey", "signClientKey",
                "source", "sensitive", "manuallyApprovesFollowers", "movedTo", "alsoKnownAs")) {
            as.put(term, Namespaces.AS + term);
        }
        as.put("inbox", "ldp:inbox");
        for (String url : List.of("https://www.w3.org/ns/activitystreams", "http://www.w3.org/ns/activitystreams",
                "https://www.w3.org/ns/activitystreams.jsonld", "http://www.w3.org/ns/activitystreams.jsonld")) {
            CONTEXTS.put(url, as);
        }

        Map<String, String> security = new HashMap<>();
        security.put("sec", Namespaces.SEC);
        for (String term : List.of("publicKey", "publicKeyPem", "owner", "signature", "signatureValue", "created",
                "expires", "proof", "proofPurpose", "proofValue", "verificationMethod", "assertionMethod", "controller")) {
            security.put(term, Namespaces.SEC + term);
        }
        CONTEXTS.put("https://w3id.org/security/v1", security);
        CONTEXTS.put("http://w3id.org/security/v1", security);

        Map<String, String> integrity = new HashMap<>();
        for (String term : List.of("DataIntegrityProof", "cryptosuite", "proof", "proofPurpose", "proofValue",
                "verificationMethod", "created", "expires", "assertionMethod", "Multikey", "publicKeyMultibase",
                "controller")) {
            integrity.put(term, Namespaces.SEC + term);
        }
        CONTEXTS.put("https://w3id.org/security/data-integrity/v1", integrity);
        CONTEXTS.put("https://w3id.org/security/data-integrity/v2", integrity);
        CONTEXTS.put("https://w3id.org/security/multikey/v1", integrity);
        CONTEXTS.put("https://www.w3.org/ns/cid/v1", integrity);
    }

    private KnownContexts() {
    }

    static Optional<Map<String, String>> get(String url) {
        return Optional.ofNullable(CONTEXTS.get(url));
    }
}
