package org.branchwork.protocol.jsonld;

import org.branchwork.protocol.vocab.AsObject;

/** The result of reading a document: the typed object, or a refusal that says exactly why. */
public sealed interface Decoded {

    /** The document was read. */
    record Read(AsObject object) implements Decoded {}

    /** The document was refused; nothing of it should be stored. */
    record Refused(String reason) implements Decoded {}
}
