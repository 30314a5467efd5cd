package org.branchwork.protocol.vocab;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Same-origin rules that any receiver should apply before trusting a document: an activity's id
 * lives on its actor's server, an object's id on its author's server. A document that breaks them
 * claims to be something its origin cannot vouch for (the "bogus origin" fixtures).
 */
public final class Origins {

    private Origins() {}

    /** The origin ({@code scheme://host[:port]}, lower case) of an IRI. */
    public static String of(URI iri) {
        String scheme = iri.getScheme() == null ? "" : iri.getScheme().toLowerCase(Locale.ROOT);
        String host = iri.getHost() == null ? "" : iri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (iri.getPort() == -1 ? "" : ":" + iri.getPort());
    }

    /**
     * The IRI with its scheme and host in lower case (RFC 3986 6.2.2.1: they are case-insensitive),
     * everything else as given. Every IRI read from the wire goes through this, so that one actor
     * written {@code HTTPS://Peer.Example/users/a} and {@code https://peer.example/users/a} is one
     * actor everywhere it is compared or stored.
     */
    public static URI canonical(URI iri) {
        if (iri == null || iri.isOpaque() || iri.getScheme() == null || iri.getRawAuthority() == null) {
            return iri;
        }
        String scheme = iri.getScheme().toLowerCase(Locale.ROOT);
        String authority = iri.getRawAuthority();
        String host = iri.getHost();
        if (scheme.equals(iri.getScheme()) && (host == null || host.equals(host.toLowerCase(Locale.ROOT)))) {
            return iri;
        }
        if (host != null) {
            int at = authority.lastIndexOf('@');
            String userInfo = at < 0 ? "" : authority.substring(0, at + 1);
            authority = userInfo + host.toLowerCase(Locale.ROOT) + (iri.getPort() == -1 ? "" : ":" + iri.getPort());
        }
        StringBuilder out = new StringBuilder(scheme).append("://").append(authority);
        if (iri.getRawPath() != null) {
            out.append(iri.getRawPath());
        }
        if (iri.getRawQuery() != null) {
            out.append('?').append(iri.getRawQuery());
        }
        if (iri.getRawFragment() != null) {
            out.append('#').append(iri.getRawFragment());
        }
        return URI.create(out.toString());
    }

    public static boolean same(URI a, URI b) {
        return of(a).equals(of(b));
    }

    /** Why the document's origins disagree, or empty when they are consistent. */
    public static Optional<String> inconsistency(AsObject object) {
        Optional<URI> id = object.id();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        if (object instanceof Activity activity) {
            return activity.actor()
                    .id()
                    .filter(actor -> !same(actor, id.get()))
                    .map(actor -> "activity " + id.get() + " is not on its actor's origin " + of(actor));
        }
        return object.core().attributedTo().stream()
                .findFirst()
                .flatMap(Ref::id)
                .filter(author -> !same(author, id.get()))
                .map(author -> "object " + id.get() + " is not on its author's origin " + of(author));
    }
}
