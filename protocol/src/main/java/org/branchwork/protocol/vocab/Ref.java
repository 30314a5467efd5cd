package org.branchwork.protocol.vocab;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * A property value that may be an IRI, an embedded object or a {@code Link}: real peers send all
 * three for the same property, so the choice is solved here once.
 */
public sealed interface Ref {

    /** The IRI this value names: the id itself, the embedded object's id, or the link's href. */
    Optional<URI> id();

    /** The embedded object, when the peer sent one. */
    default Optional<AsObject> embedded() {
        return this instanceof Embedded e ? Optional.of(e.object()) : Optional.empty();
    }

    static Ref to(URI id) {
        return new Id(id);
    }

    static Ref to(AsObject object) {
        return new Embedded(object);
    }

    /** No value: a property left out where it may be (an embedded activity's {@code actor}). */
    static Ref unstated() {
        return Unstated.INSTANCE;
    }

    /** A property the peer left out; it names nothing. */
    record Unstated() implements Ref {
        static final Unstated INSTANCE = new Unstated();

        @Override
        public Optional<URI> id() {
            return Optional.empty();
        }
    }

    /** Just an IRI. */
    record Id(URI value) implements Ref {
        public Id {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Optional<URI> id() {
            return Optional.of(value);
        }
    }

    /** A whole object in place of its IRI. */
    record Embedded(AsObject object) implements Ref {
        public Embedded {
            Objects.requireNonNull(object, "object");
        }

        @Override
        public Optional<URI> id() {
            return object.id();
        }
    }

    /** A {@code Link} (or {@code Mention}/{@code Hashtag} used as a link). */
    record Linked(Link link) implements Ref {
        public Linked {
            Objects.requireNonNull(link, "link");
        }

        @Override
        public Optional<URI> id() {
            return Optional.ofNullable(link.href());
        }
    }
}
