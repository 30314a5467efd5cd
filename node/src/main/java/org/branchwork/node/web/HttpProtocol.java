package org.branchwork.node.web;

import io.helidon.webserver.http1.Http1Config;

/** How the node speaks HTTP/1.1, apart from the routes: the rules every request and response meets. */
public final class HttpProtocol {

    private HttpProtocol() {}

    /**
     * Request headers are validated (Helidon's default), and so is every response header before it
     * is written (Helidon's default is not to): a value carrying CR, LF or another control character,
     * from a form field, a peer or a bug, fails that response instead of splitting it into headers of
     * the sender's choosing.
     */
    public static Http1Config http1() {
        return Http1Config.builder()
                .validateRequestHeaders(true)
                .validateResponseHeaders(true)
                .build();
    }
}
