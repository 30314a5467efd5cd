package org.branchwork.node.federation.wellknown;

import java.util.List;

import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.nodeinfo.NodeInfo;
import org.branchwork.protocol.nodeinfo.NodeInfoCodec;
import org.branchwork.protocol.webfinger.Jrd;

/**
 * {@code /.well-known/nodeinfo} and {@code /nodeinfo/2.1}. The user count is the node's public
 * actors (the branch), not its members: how many people a branch has is the branch's business.
 */
public final class NodeInfoEndpoint {

    private static final HttpMediaType NODEINFO =
            HttpMediaType.create("application/json; profile=\"http://nodeinfo.diaspora.software/ns/schema/2.1#\"");

    private final LocalActors actors;
    private final LocalUris uris;
    private final NodeInfoCodec codec = new NodeInfoCodec();
    private final String version;

    public NodeInfoEndpoint(LocalActors actors, LocalUris uris, String version) {
        this.actors = actors;
        this.uris = uris;
        this.version = version;
    }

    /** The discovery document, mounted under {@code /.well-known}. */
    public HttpService discovery() {
        return rules -> rules.get("/nodeinfo", this::links);
    }

    /** The document itself, mounted under {@code /nodeinfo}. */
    public HttpService document() {
        return rules -> rules.get("/2.1", this::nodeInfo);
    }

    private void links(ServerRequest req, ServerResponse res) {
        Jrd links = new Jrd(
                null,
                List.of(),
                List.of(new Jrd.JrdLink(
                        NodeInfoCodec.SCHEMA_21, null, uris.nodeInfo().toString(), null)));
        res.status(Status.OK_200);
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.headers().set(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.send(links.toJson());
    }

    private void nodeInfo(ServerRequest req, ServerResponse res) {
        long publicActors = actors.branch().isPresent() ? 1 : 0;
        NodeInfo info = new NodeInfo(
                "2.1",
                new NodeInfo.Software("branchwork", version, null, null),
                List.of("activitypub"),
                new NodeInfo.Services(List.of(), List.of()),
                false,
                new NodeInfo.Usage(publicActors, null, null, null),
                actors.branch().map(b -> b.branch().name()).orElse(null));
        res.status(Status.OK_200);
        res.headers().contentType(NODEINFO);
        res.headers().set(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.send(codec.write(info));
    }
}
