package org.branchwork.node.http;

import java.net.URI;
import java.util.Objects;

/**
 * The node's public origin ({@code https://host[:port]}), the base of every actor id and link.
 * When the operator configures none it is {@code http://localhost:<port>}, and with port 0 (tests)
 * the port is known only once the server listens: hence a holder that is fixed once, at start.
 */
public final class PublicOrigin {

    private volatile URI origin;

    public PublicOrigin(URI configured) {
        this.origin = configured;
    }

    public void bindToPortIfUnset(int port) {
        if (origin == null) {
            origin = URI.create("http://localhost:" + port);
        }
    }

    public URI uri() {
        return Objects.requireNonNull(origin, "the public origin is known once the server listens");
    }

    /** {@code host} or {@code host:port}, as it appears in {@code acct:} handles. */
    public String authority() {
        URI u = uri();
        return u.getPort() == -1 ? u.getHost() : u.getHost() + ":" + u.getPort();
    }
}
