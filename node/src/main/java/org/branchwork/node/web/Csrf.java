package org.branchwork.node.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.security.Tokens;

/**
 * CSRF protection for every state-changing form: a token in a hidden field that must match the
 * session's (signed in) or a cookie's (signed out: join, sign-in, reset), and the {@code Origin}
 * (or, without it, the {@code Referer}) must be this node's public origin.
 */
public final class Csrf {

    public static final String FIELD = "csrf";
    private static final String COOKIE = "bw_csrf";
    private static final Logger LOG = Logger.getLogger(Csrf.class.getName());

    private final SecureRandom random;
    private final Supplier<URI> origin;
    private final java.util.function.BooleanSupplier secure;
    private volatile boolean warnedAboutOrigin;

    public Csrf(SecureRandom random, Supplier<URI> origin, java.util.function.BooleanSupplier secure) {
        this.random = random;
        this.origin = origin;
        this.secure = secure;
    }

    /** The token for a form: the session's when signed in, else the signed-out cookie's (set now if missing). */
    public String token(ServerRequest req, ServerResponse res, Optional<Viewer> viewer) {
        if (viewer.isPresent()) {
            return viewer.get().csrf();
        }
        Optional<String> existing =
                req.headers().cookies().first(COOKIE).asOptional().filter(v -> v.length() == Tokens.LENGTH);
        if (existing.isPresent()) {
            return existing.get();
        }
        String token = Tokens.random(random);
        res.headers()
                .addCookie(SetCookie.builder(COOKIE, token)
                        .path("/")
                        .httpOnly(true)
                        .sameSite(SetCookie.SameSite.LAX)
                        .secure(secure.getAsBoolean())
                        .build());
        return token;
    }

    /** Whether a submitted form may change anything. */
    public boolean valid(ServerRequest req, Parameters form, Optional<Viewer> viewer) {
        return validToken(req, form.first(FIELD).orElse(""), viewer);
    }

    /** As {@link #valid}, for a token read from elsewhere (a file upload's fields). */
    public boolean validToken(ServerRequest req, String given, Optional<Viewer> viewer) {
        if (!sameOrigin(req)) {
            return false;
        }
        Optional<String> expected = viewer.isPresent()
                ? Optional.of(viewer.get().csrf())
                : req.headers().cookies().first(COOKIE).asOptional();
        return expected.isPresent()
                && !given.isEmpty()
                && MessageDigest.isEqual(
                        expected.get().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The origin a refused form came from when that, not the token, is why it was refused: most
     * often the node opened under another address than its public URL (127.0.0.1 for localhost).
     */
    public Optional<String> foreignOrigin(ServerRequest req) {
        if (sameOrigin(req)) {
            return Optional.empty();
        }
        return req.headers()
                .value(HeaderNames.ORIGIN)
                .or(() -> req.headers().value(HeaderNames.REFERER).map(Csrf::originOf))
                .map(o -> o.length() > 200 ? o.substring(0, 200) + "\u2026" : o);
    }

    /** The scheme, host and port of a Referer; a header that is no URL is shown as it came. */
    private static String originOf(String referer) {
        try {
            URI u = new URI(referer);
            return u.getScheme() == null || u.getRawAuthority() == null
                    ? referer
                    : u.getScheme() + "://" + u.getRawAuthority();
        } catch (java.net.URISyntaxException e) {
            return referer;
        }
    }

    /** The node's public origin, as forms must come from it. */
    public String publicOrigin() {
        return origin.get().toString();
    }

    /** Origin, else Referer, must be ours when present; a browser always sends one of them on a cross-site POST. */
    public boolean sameOrigin(ServerRequest req) {
        String ours = origin.get().toString();
        Optional<String> o = req.headers().value(HeaderNames.ORIGIN);
        Optional<String> referer = req.headers().value(HeaderNames.REFERER);
        boolean same = o.isPresent()
                ? o.get().equals(ours)
                : referer.isEmpty()
                        || referer.get().equals(ours)
                        || referer.get().startsWith(ours + "/");
        if (!same && !warnedAboutOrigin) {
            // Most often not an attack but a node reached under another name than its public URL:
            // every form then fails, and the operator needs to be told why.
            warnedAboutOrigin = true;
            LOG.warning(
                    "Refused a form posted from " + o.orElse(referer.orElse("?")) + ": this node's public URL is "
                            + ours
                            + ". If people reach the node at that other address, set BRANCHWORK_PUBLIC_URL to it. (Said once.)");
        }
        return same;
    }
}
