package org.branchwork.protocol.vocab;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Addressing: {@code to}, {@code cc}, {@code bto}, {@code bcc} and {@code audience}. */
public record Audience(List<URI> to, List<URI> cc, List<URI> bto, List<URI> bcc, List<URI> audience) {

    /** The IRI of the special public collection. */
    public static final URI PUBLIC = URI.create("https://www.w3.org/ns/activitystreams#Public");

    private static final Set<String> PUBLIC_SPELLINGS = Set.of(PUBLIC.toString(), "as:Public", "Public");

    public static final Audience NONE = new Audience(List.of(), List.of(), List.of(), List.of(), List.of());

    public Audience {
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bto = List.copyOf(bto);
        bcc = List.copyOf(bcc);
        audience = List.copyOf(audience);
    }

    /** Public + the given followers collection, as branches address announcements. */
    public static Audience publicWithFollowers(URI followers) {
        return new Audience(List.of(PUBLIC), List.of(followers), List.of(), List.of(), List.of());
    }

    /** Addressed to one actor only (an answer, a follow, a direct reply). */
    public static Audience to(URI recipient) {
        return new Audience(List.of(recipient), List.of(), List.of(), List.of(), List.of());
    }

    /** Whether anyone may see it (addressed to Public in any of the spellings peers use). */
    public boolean isPublic() {
        return Stream.of(to, cc, audience).flatMap(List::stream).anyMatch(u -> PUBLIC_SPELLINGS.contains(u.toString()));
    }

    /** Every addressee. */
    public List<URI> all() {
        return Stream.of(to, cc, bto, bcc, audience)
                .flatMap(List::stream)
                .distinct()
                .toList();
    }
}
