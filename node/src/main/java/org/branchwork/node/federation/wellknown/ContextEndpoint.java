package org.branchwork.node.federation.wellknown;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.protocol.jsonld.Contexts;

/**
 * {@code /ns/branchwork}: the extension JSON-LD context, the same term definitions our documents
 * carry inline (see docs/PROTOCOL.md), as a document for processors and readers.
 */
public final class ContextEndpoint implements HttpService {

    private final String document = Contexts.extensionContextDocument().toPrettyString();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/branchwork", this::context);
    }

    private void context(ServerRequest req, ServerResponse res) {
        res.status(Status.OK_200);
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/ld+json; charset=utf-8");
        res.headers().set(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.headers().set(HeaderNames.CACHE_CONTROL, "max-age=86400");
        res.send(document);
    }
}
