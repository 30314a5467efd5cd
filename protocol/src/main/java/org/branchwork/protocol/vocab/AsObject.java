package org.branchwork.protocol.vocab;

import java.net.URI;
import java.util.Optional;

/**
 * Any ActivityStreams object: actors, activities, content, collections, and objects of types the
 * model does not know ({@link UnknownObject}), which are read, not refused.
 */
public sealed interface AsObject
        permits Actor,
                Activity,
                Note,
                Article,
                Event,
                Place,
                Question,
                Tombstone,
                Document,
                Collection,
                CollectionPage,
                UnknownObject {

    ObjectCore core();

    default Optional<URI> id() {
        return core().optionalId();
    }

    /** The primary type name, e.g. {@code Note}. */
    default String type() {
        return core().type();
    }
}
