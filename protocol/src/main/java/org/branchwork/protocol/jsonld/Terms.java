package org.branchwork.protocol.jsonld;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one table of terms the model understands: canonical name (the key our records are read from
 * and written as) and the full IRIs that mean it. Whatever a document's {@code @context} calls a
 * property, it is read by the IRI it expands to.
 */
public final class Terms {

    private static final List<String> AS_TERMS = List.of(
            // types
            "Object",
            "Link",
            "Activity",
            "IntransitiveActivity",
            "Collection",
            "OrderedCollection",
            "CollectionPage",
            "OrderedCollectionPage",
            "Accept",
            "Add",
            "Announce",
            "Arrive",
            "Block",
            "Create",
            "Delete",
            "Dislike",
            "Flag",
            "Follow",
            "Ignore",
            "Invite",
            "Join",
            "Leave",
            "Like",
            "Listen",
            "Move",
            "Offer",
            "Question",
            "Reject",
            "Read",
            "Remove",
            "TentativeReject",
            "TentativeAccept",
            "Travel",
            "Undo",
            "Update",
            "View",
            "Application",
            "Group",
            "Organization",
            "Person",
            "Service",
            "Article",
            "Audio",
            "Document",
            "Event",
            "Image",
            "Note",
            "Page",
            "Place",
            "Profile",
            "Relationship",
            "Tombstone",
            "Video",
            "Mention",
            "Hashtag",
            // properties
            "actor",
            "attachment",
            "attributedTo",
            "audience",
            "bcc",
            "bto",
            "cc",
            "context",
            "current",
            "first",
            "generator",
            "icon",
            "image",
            "inReplyTo",
            "instrument",
            "last",
            "location",
            "items",
            "orderedItems",
            "oneOf",
            "anyOf",
            "closed",
            "origin",
            "next",
            "object",
            "prev",
            "preview",
            "result",
            "replies",
            "tag",
            "target",
            "to",
            "url",
            "accuracy",
            "altitude",
            "content",
            "contentMap",
            "name",
            "nameMap",
            "duration",
            "height",
            "href",
            "hreflang",
            "partOf",
            "latitude",
            "longitude",
            "mediaType",
            "endTime",
            "published",
            "radius",
            "rel",
            "startIndex",
            "startTime",
            "summary",
            "summaryMap",
            "totalItems",
            "units",
            "updated",
            "width",
            "subject",
            "relationship",
            "describes",
            "formerType",
            "deleted",
            "outbox",
            "following",
            "followers",
            "liked",
            "likes",
            "shares",
            "streams",
            "preferredUsername",
            "endpoints",
            "sharedInbox",
            "proxyUrl",
            "oauthAuthorizationEndpoint",
            "oauthTokenEndpoint",
            "provideClientKey",
            "signClientKey",
            "source",
            "sensitive",
            "manuallyApprovesFollowers",
            "movedTo",
            "alsoKnownAs");

    private static final Map<String, String> IRI_TO_TERM = new HashMap<>();
    private static final Map<String, String> TERM_TO_IRI = new HashMap<>();

    static {
        AS_TERMS.forEach(t -> define(t, Namespaces.AS + t));
        define("inbox", "http://www.w3.org/ns/ldp#inbox");
        alias("inbox", Namespaces.AS + "inbox");
        for (String t : List.of(
                "publicKey",
                "publicKeyPem",
                "owner",
                "controller",
                "proof",
                "assertionMethod",
                "verificationMethod",
                "proofPurpose",
                "proofValue",
                "cryptosuite",
                "created",
                "expires",
                "DataIntegrityProof",
                "Multikey",
                "publicKeyMultibase",
                "signature",
                "signatureValue")) {
            define(t, Namespaces.SEC + t);
        }
        for (String t : List.of(
                "discoverable",
                "featured",
                "featuredTags",
                "Emoji",
                "focalPoint",
                "blurhash",
                "votersCount",
                "indexable",
                "memorial",
                "suspended",
                "attributionDomains")) {
            define(t, Namespaces.TOOT + t);
        }
        for (String t : List.of(
                "joinMode",
                "isOnline",
                "timezone",
                "participantCount",
                "anonymousParticipationEnabled",
                "members",
                "events",
                "discussions",
                "resources",
                "posts",
                "todos",
                "openness",
                "memberCount",
                "participationMessage",
                "repliesModerationOption",
                "draft")) {
            define(t, Namespaces.MZ + t);
        }
        for (String t : List.of(
                "address",
                "PostalAddress",
                "VirtualLocation",
                "streetAddress",
                "addressLocality",
                "addressRegion",
                "postalCode",
                "addressCountry",
                "maximumAttendeeCapacity",
                "remainingAttendeeCapacity",
                "category",
                "inLanguage",
                "PropertyValue",
                "value",
                "propertyID")) {
            define(t, Namespaces.SCHEMA + t);
            alias(t, Namespaces.SCHEMA_HASH + t);
        }
        // Mobilizon maps location to schema.org, everyone else to AS2: both are an event's place.
        alias("location", Namespaces.SCHEMA + "location");
        alias("location", Namespaces.SCHEMA_HASH + "location");
        define("ical:status", Namespaces.ICAL + "status");
        for (String t : List.of("eventStatus", "organizers", "attendees")) {
            define(t, Namespaces.FEP_8A8E + t);
        }
        for (String t : BranchworkTerms.TERMS) {
            define("bw:" + t, Namespaces.BW + t);
        }
    }

    private Terms() {}

    private static void define(String term, String iri) {
        TERM_TO_IRI.put(term, iri);
        IRI_TO_TERM.put(iri, term);
    }

    private static void alias(String term, String iri) {
        IRI_TO_TERM.put(iri, term);
    }

    /** The canonical term for a full IRI, if the model knows it. */
    public static Optional<String> termFor(String iri) {
        return Optional.ofNullable(IRI_TO_TERM.get(iri));
    }

    /** The IRI of a canonical term, if the model knows it. */
    public static Optional<String> iriFor(String term) {
        return Optional.ofNullable(TERM_TO_IRI.get(term));
    }

    /** ActivityStreams' own terms (and the common extensions in its namespace), as the AS2 context defines them. */
    static List<String> activityStreamsTerms() {
        return AS_TERMS;
    }
}
