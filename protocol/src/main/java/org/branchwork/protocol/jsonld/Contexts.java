package org.branchwork.protocol.jsonld;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code @context} Branchwork writes: ActivityStreams, the security and data-integrity
 * contexts, and one inline object defining every extension term we use (Mastodon's, Mobilizon's,
 * schema.org's, iCalendar's and our own {@code bw:} terms). Inline, so that no peer needs to fetch
 * a context from any particular node; the node also serves the inline part as a document.
 */
public final class Contexts {

    public static final String ACTIVITY_STREAMS = "https://www.w3.org/ns/activitystreams";
    public static final String SECURITY = "https://w3id.org/security/v1";
    public static final String DATA_INTEGRITY = "https://w3id.org/security/data-integrity/v2";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Contexts() {}

    /** The full {@code @context} value for documents we write. */
    public static ArrayNode documentContext() {
        ArrayNode context = NODES.arrayNode();
        context.add(ACTIVITY_STREAMS);
        context.add(SECURITY);
        context.add(DATA_INTEGRITY);
        context.add(extensionTerms());
        return context;
    }

    /** The extension context document, {@code {"@context": {...}}}, for the node to serve. */
    public static ObjectNode extensionContextDocument() {
        ObjectNode doc = NODES.objectNode();
        doc.set("@context", extensionTerms());
        return doc;
    }

    /** The inline term definitions. */
    public static ObjectNode extensionTerms() {
        ObjectNode t = NODES.objectNode();
        t.put("toot", Namespaces.TOOT);
        t.put("mz", Namespaces.MZ);
        t.put("sc", Namespaces.SCHEMA);
        t.put("ical", Namespaces.ICAL);
        t.put("bw", Namespaces.BW);
        t.put("fep8a8e", Namespaces.FEP_8A8E);
        t.put("Hashtag", "as:Hashtag");
        t.put("sensitive", "as:sensitive");
        t.put("manuallyApprovesFollowers", "as:manuallyApprovesFollowers");
        t.put("discoverable", "toot:discoverable");
        typed(t, "featured", "toot:featured", "@id");
        t.put("votersCount", "toot:votersCount");
        t.put("timezone", "mz:timezone");
        // FEP-8a8e's terms, beside Mobilizon's (which Mobilizon and Mastodon read unchanged).
        typed(t, "eventStatus", "fep8a8e:eventStatus", "@id");
        t.put("organizers", "fep8a8e:organizers");
        t.put("attendees", "fep8a8e:attendees");
        t.put("VirtualLocation", "sc:VirtualLocation");
        t.put("isOnline", "mz:isOnline");
        t.put("joinMode", "mz:joinMode");
        t.put("participantCount", "mz:participantCount");
        typed(t, "members", "mz:members", "@id");
        typed(t, "events", "mz:events", "@id");
        t.put("category", "sc:category");
        t.put("maximumAttendeeCapacity", "sc:maximumAttendeeCapacity");
        t.put("remainingAttendeeCapacity", "sc:remainingAttendeeCapacity");
        t.put("PostalAddress", "sc:PostalAddress");
        t.put("address", "sc:address");
        t.put("streetAddress", "sc:streetAddress");
        t.put("addressLocality", "sc:addressLocality");
        t.put("addressRegion", "sc:addressRegion");
        t.put("postalCode", "sc:postalCode");
        t.put("addressCountry", "sc:addressCountry");
        for (String term : BranchworkTerms.TERMS) {
            // Written with the bw: prefix, so the compact IRI itself is the term; listed for documentation.
            if (Character.isUpperCase(term.charAt(0))) {
                t.put("bw:" + term, Namespaces.BW + term);
            }
        }
        return t;
    }

    private static void typed(ObjectNode t, String term, String id, String type) {
        ObjectNode def = t.putObject(term);
        def.put("@id", id);
        def.put("@type", type);
    }
}
