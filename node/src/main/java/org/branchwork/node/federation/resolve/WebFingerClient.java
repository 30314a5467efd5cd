package org.branchwork.node.federation.resolve;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

import org.branchwork.protocol.webfinger.Acct;
import org.branchwork.protocol.webfinger.Jrd;

/**
 * Looks a handle up with WebFinger. HTTPS only, except where private addresses are allowed (local
 * demo and tests), where plain HTTP is tried after HTTPS fails.
 */
public final class WebFingerClient {

    private final RemoteHttpClient http;
    private final boolean allowPlainHttp;

    public WebFingerClient(RemoteHttpClient http, boolean allowPlainHttp) {
        this.http = http;
        this.allowPlainHttp = allowPlainHttp;
    }

    /** The actor IRI a handle names. */
    public URI actorOf(Acct acct) throws ActivityFetcher.FetchException {
        IOException first = null;
        for (String scheme : allowPlainHttp ? new String[] {"https", "http"} : new String[] {"https"}) {
            try {
                RemoteHttpClient.Response response = http.get(acct.webFingerUrl(scheme),
                        uri -> Map.of("Accept", "application/jrd+json, application/json"), 64 * 1024);
                if (response.status() == 404) {
                    throw new ActivityFetcher.FetchException("no such account: " + acct, null);
                }
                if (response.status() != 200) {
                    throw new ActivityFetcher.FetchException("WebFinger for " + acct + " answered " + response.status(), null);
                }
                Jrd jrd = Jrd.parse(response.body());
                return jrd.actorId().orElseThrow(() -> new ActivityFetcher.FetchException(
                        "WebFinger for " + acct + " names no ActivityPub actor", null));
            } catch (IOException e) {
                first = first == null ? e : first;
            } catch (IllegalArgumentException e) {
                throw new ActivityFetcher.FetchException("WebFinger for " + acct + ": " + e.getMessage(), e);
            }
        }
        throw new ActivityFetcher.FetchException("cannot reach " + acct.host() + ": " + first.getMessage(), first);
    }
}
