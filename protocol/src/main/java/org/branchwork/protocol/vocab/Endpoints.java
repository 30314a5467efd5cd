package org.branchwork.protocol.vocab;

import java.net.URI;
import java.util.Map;

/**
 * An actor's {@code endpoints}: {@code sharedInbox}, and the others (Mobilizon puts a group's
 * {@code members}, {@code events}, {@code discussions}... here) by name.
 */
public record Endpoints(URI sharedInbox, Map<String, URI> others) {

    public static final Endpoints NONE = new Endpoints(null, Map.of());

    public Endpoints {
        others = Map.copyOf(others);
    }
}
