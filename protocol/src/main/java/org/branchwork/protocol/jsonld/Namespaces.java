package org.branchwork.protocol.jsonld;

/** The namespace IRIs of the vocabularies the codec understands. */
public final class Namespaces {

    public static final String AS = "https://www.w3.org/ns/activitystreams#";
    public static final String SEC = "https://w3id.org/security#";
    public static final String TOOT = "http://joinmastodon.org/ns#";
    public static final String MZ = "https://joinmobilizon.org/ns#";
    public static final String SCHEMA = "http://schema.org/";
    /** Mobilizon writes schema.org with a hash; both spellings mean the same terms. */
    public static final String SCHEMA_HASH = "http://schema.org#";

    public static final String ICAL = "http://www.w3.org/2002/12/cal/ical#";

    /** FEP-8a8e (a common approach to the Event type, DRAFT): eventStatus, organizers, attendees. */
    public static final String FEP_8A8E = "https://w3id.org/fep/8a8e/";

    public static final String LDP = "http://www.w3.org/ns/ldp#";
    /**
     * Branchwork's extension vocabulary. A w3id.org permanent identifier, so that the terms do not
     * depend on any one node's host; documents carry the term definitions inline.
     */
    public static final String BW = "https://w3id.org/branchwork#";

    private Namespaces() {}
}
