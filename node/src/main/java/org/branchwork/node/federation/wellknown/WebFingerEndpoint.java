package org.branchwork.node.federation.wellknown;

import java.net.URI;
import java.util.List;
import java.util.Optional;

import io.helidon.http.BadRequestException;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.webfinger.Acct;
import org.branchwork.protocol.webfinger.Jrd;

/**
 * {@code /.well-known/webfinger} (RFC 7033) and {@code /.well-known/host-meta}. Only the node's
 * actors are found: the branch by its handle or actor IRI, the instance actor by the host name.
 * Mastodon requires the {@code acct:} subject to resolve back to the actor's {@code id}.
 */
public final class WebFingerEndpoint implements HttpService {

    private static final HttpMediaType JRD = HttpMediaType.create("application/jrd+json; charset=utf-8");
    private static final HttpMediaType XRD = HttpMediaType.create("application/xrd+xml; charset=utf-8");

    private final LocalActors actors;
    private final LocalUris uris;

    public WebFingerEndpoint(LocalActors actors, LocalUris uris) {
        this.actors = actors;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/webfinger", this::webfinger).get("/host-meta", this::hostMeta);
    }

    private void webfinger(ServerRequest req, ServerResponse res) {
        String resource = req.query()
                .first("resource")
                .orElseThrow(() -> new BadRequestException("The resource parameter is required."));
        Jrd jrd = lookUp(resource.strip()).orElseThrow(() -> new NotFoundException("No such resource on this node."));
        res.status(Status.OK_200);
        res.headers().contentType(JRD);
        res.headers().set(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.send(jrd.toJson());
    }

    private Optional<Jrd> lookUp(String resource) {
        Optional<String> user;
        if (resource.startsWith("http://") || resource.startsWith("https://")) {
            URI iri;
            try {
                iri = URI.create(resource);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (iri.equals(uris.instanceActor())) {
                return Optional.of(instanceJrd());
            }
            user = uris.branchSlugOf(iri);
        } else {
            Acct acct;
            try {
                acct = Acct.parse(resource);
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("Not a valid acct: resource: " + e.getMessage());
            }
            if (!acct.host().equalsIgnoreCase(uris.authority())) {
                return Optional.empty();
            }
            if (acct.user().equalsIgnoreCase(uris.authority())) {
                return Optional.of(instanceJrd());
            }
            user = Optional.of(acct.user());
        }
        if (user.isEmpty() && resource.startsWith("http")) {
            user = uris.personHandleOf(URI.create(resource));
        }
        Optional<Jrd> person = user.flatMap(actors::person)
                .map(p -> new Jrd(
                        "acct:" + p.profile().handle() + "@" + uris.authority(),
                        List.of(uris.person(p.profile().handle()).toString()),
                        List.of(new Jrd.JrdLink(
                                "self",
                                "application/activity+json",
                                uris.person(p.profile().handle()).toString(),
                                null))));
        if (person.isPresent()) {
            return person;
        }
        return user.flatMap(
                        slug -> actors.branch().filter(b -> b.branch().slug().equalsIgnoreCase(slug)))
                .map(b -> new Jrd(
                        "acct:" + b.branch().slug() + "@" + uris.authority(),
                        List.of(uris.branchActor(b.branch().slug()).toString()),
                        List.of(
                                new Jrd.JrdLink(
                                        "self",
                                        "application/activity+json",
                                        uris.branchActor(b.branch().slug()).toString(),
                                        null),
                                new Jrd.JrdLink(
                                        "http://webfinger.net/rel/profile-page",
                                        "text/html",
                                        uris.home().toString(),
                                        null))));
    }

    private Jrd instanceJrd() {
        return new Jrd(
                "acct:" + uris.authority() + "@" + uris.authority(),
                List.of(uris.instanceActor().toString()),
                List.of(new Jrd.JrdLink(
                        "self",
                        "application/activity+json",
                        uris.instanceActor().toString(),
                        null)));
    }

    private void hostMeta(ServerRequest req, ServerResponse res) {
        res.status(Status.OK_200);
        res.headers().contentType(XRD);
        res.send("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n"
                + "  <Link rel=\"lrdd\" template=\"" + uris.home() + ".well-known/webfinger?resource={uri}\"/>\n"
                + "</XRD>\n");
    }
}
