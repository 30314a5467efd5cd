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

    private Origins() {
    }

    /** The origin ({@code scheme://host[:port]}, lower case) of an IRI. */
    public static String of(URI iri) {
        String scheme = iri.getScheme() == null ? "" : iri.getScheme().toLowerCase(Locale.ROOT);
        String host = iri.getHost() == null ? "" : iri.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (iri.getPort() == -1 ? "" : ":" + iri.getPort());
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
            return activity.actor().id().filter(actor -> !same(actor, id.get()))
                    .map(actor -> "activity " + id.get() + " is not on its actor's origin " + of(actor));
        }
        return object.core().attributedTo().stream().findFirst().flatMap(Ref::id)
                .filter(author -> !same(author, id.get()))
                .map(author -> "object " + id.get() + " is not on its author's origin " + of(author));
    }
}
