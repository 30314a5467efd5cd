package org.branchwork.node.federation.resolve;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;

import org.branchwork.protocol.vocab.Origins;
import org.branchwork.protocol.webfinger.Acct;
import org.branchwork.protocol.webfinger.Jrd;

/**
 * Looks a handle up with WebFinger. HTTPS only, except where private addresses are allowed (local
 * demo and tests), where plain HTTP is tried too (first, for localhost and address literals).
 *
 * <p>An answer counts only for the handle asked about: its {@code subject}, when given, must be that
 * handle, and its {@code self} link must be on the handle's host, or else the server at the
 * {@code self} link's host must itself answer for the handle with the same {@code self} (a split
 * domain, Mastodon's {@code LOCAL_DOMAIN} / {@code WEB_DOMAIN}). Otherwise any server could name any
 * other server's actor as one of its own handles. A redirect of the lookup to another host (Mastodon's
 * split-domain set-up redirects the apex's WebFinger to its web domain) is followed; what counts is
 * still the {@code self} host's own answer.
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
        Jrd jrd = lookUp(acct, acct);
        URI self = self(acct, jrd);
        String selfAuthority =
                self.getRawAuthority() == null ? "" : self.getRawAuthority().toLowerCase(Locale.ROOT);
        if (selfAuthority.equals(acct.host())) {
            return self;
        }
        Acct there;
        try {
            there = Acct.parse(acct.user() + "@" + selfAuthority);
        } catch (IllegalArgumentException e) {
            throw new ActivityFetcher.FetchException(
                    "WebFinger for " + acct + " names an actor at an unusable host: " + self, e);
        }
        URI confirmed;
        try {
            Jrd vouching = lookUp(there, acct);
            // The self host must answer for the handle asked about, not merely for one of its own:
            // else evil.example could name victim.example's alice as its own alice.
            if (vouching.subject() == null || !subjectIs(vouching.subject(), acct)) {
                throw new ActivityFetcher.FetchException(
                        "it answers for " + vouching.subject() + ", not " + acct, null);
            }
            confirmed = self(acct, vouching);
        } catch (ActivityFetcher.FetchException e) {
            throw new ActivityFetcher.FetchException(
                    "WebFinger for " + acct + " names " + self + ", but " + selfAuthority + " does not vouch for it ("
                            + e.getMessage() + ")",
                    e);
        }
        if (!confirmed.equals(self)) {
            throw new ActivityFetcher.FetchException(
                    "WebFinger for " + acct + " names " + self + ", but " + selfAuthority
                            + " does not vouch for it (it names " + confirmed + ")",
                    null);
        }
        return self;
    }

    private static URI self(Acct acct, Jrd jrd) throws ActivityFetcher.FetchException {
        return jrd.actorId()
                .map(Origins::canonical)
                .orElseThrow(() -> new ActivityFetcher.FetchException(
                        "WebFinger for " + acct + " names no ActivityPub actor", null));
    }

    /** Asks {@code at}'s host about {@code at}; the answer must be about {@code handle}. */
    private Jrd lookUp(Acct at, Acct handle) throws ActivityFetcher.FetchException {
        IOException first = null;
        for (String scheme : schemes(at)) {
            try {
                RemoteHttpClient.Response response = http.get(
                        at.webFingerUrl(scheme),
                        uri -> Map.of("Accept", "application/jrd+json, application/json"),
                        64 * 1024);
                if (response.status() == 404) {
                    throw new ActivityFetcher.FetchException("no such account: " + at, null);
                }
                if (response.status() != 200) {
                    throw new ActivityFetcher.FetchException(
                            "WebFinger for " + at + " answered " + response.status(), null);
                }
                Jrd jrd = Jrd.parse(response.body());
                if (jrd.subject() != null
                        && !subjectIs(jrd.subject(), handle)
                        && !subjectIs(jrd.subject(), at)
                        && !jrd.actorId()
                                .map(a -> a.toString().equals(jrd.subject()))
                                .orElse(false)) {
                    throw new ActivityFetcher.FetchException(
                            "WebFinger for " + at + " answered about " + jrd.subject(), null);
                }
                return jrd;
            } catch (IOException e) {
                first = first == null ? e : first;
            } catch (IllegalArgumentException e) {
                throw new ActivityFetcher.FetchException("WebFinger for " + at + ": " + e.getMessage(), e);
            }
        }
        throw new ActivityFetcher.FetchException("cannot reach " + at.host() + ": " + first.getMessage(), first);
    }

    /**
     * HTTPS only, unless plain HTTP is allowed; then a host that is {@code localhost} or an address
     * literal is asked over HTTP first: on a demo or test network that is what it speaks, and a TLS
     * ClientHello sent to a plain server is never answered, so HTTPS first waited out the read timeout.
     */
    private String[] schemes(Acct at) {
        if (!allowPlainHttp) {
            return new String[] {"https"};
        }
        String host = at.host().startsWith("[") ? "[" : at.host().replaceFirst(":\\d+$", "");
        boolean literalOrLocal = host.equals("[") || host.equals("localhost") || host.matches("[0-9.]+");
        return literalOrLocal ? new String[] {"http", "https"} : new String[] {"https", "http"};
    }

    private static boolean subjectIs(String subject, Acct acct) {
        try {
            Acct said = Acct.parse(subject);
            return said.host().equals(acct.host()) && said.user().equalsIgnoreCase(acct.user());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
