package org.branchwork.protocol.vocab;

import java.net.URI;

/** An entry of {@code tag}. */
public sealed interface Tag {

    /** A {@code Hashtag}: {@code name} is usually {@code #word}. */
    record Hashtag(URI href, String name) implements Tag {}

    /** A {@code Mention} of an actor. */
    record Mention(URI href, String name) implements Tag {}

    /** Any other tag ({@code Emoji}, an embedded object, an IRI), kept as a reference. */
    record Other(Ref value) implements Tag {}
}
