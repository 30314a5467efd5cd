package org.branchwork.node.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Role;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;

/**
 * Authentication of {@code /api/v1}: the operator's {@code BRANCHWORK_ADMIN_TOKEN} as a bearer
 * token (admin rights), or a signed-in member's session cookie with their role. A cookie-borne
 * request that changes anything must come from our own origin (CSRF). Deny by default.
 */
public final class ApiAuth {

    private final Optional<String> adminToken;
    private final Sessions sessions;
    private final Csrf csrf;

    public ApiAuth(Optional<String> adminToken, Sessions sessions, Csrf csrf) {
        this.adminToken = adminToken;
        this.sessions = sessions;
        this.csrf = csrf;
    }

    /**
     * The service with every one of its routes behind the admin check: a filter reads who is acting
     * once, answers 401 or 403 for anyone else, and puts the {@link Acting} admin into the request's
     * context ({@link #actingIn}), so that no handler can forget the check.
     */
    public AdminService admin(HttpService service) {
        return new AdminService(rules -> {
            rules.any((req, res) -> acting(req, res, Role.ADMIN).ifPresent(who -> {
                req.context().register(who);
                res.next();
            }));
            service.routing(rules);
        });
    }

    /**
     * A service every route of which is behind the admin check. Only {@link #admin} makes one, so a
     * route table that takes this type cannot be handed an admin service without its guard.
     */
    public static final class AdminService implements HttpService {
        private final HttpService guarded;

        private AdminService(HttpService guarded) {
            this.guarded = guarded;
        }

        @Override
        public void routing(HttpRules rules) {
            guarded.routing(rules);
        }
    }

    /** Who is acting, as the {@link #admin} filter found them. */
    public static Acting actingIn(ServerRequest req) {
        return req.context()
                .get(Acting.class)
                .orElseThrow(() -> new IllegalStateException(
                        "no one acting in the request context: the route is not behind ApiAuth.admin"));
    }

    /** Who is acting, and the JSON object they sent. */
    public record Posted(Acting who, JsonNode body) {}

    /**
     * Who is acting with at least {@code role} and the JSON object they sent (at most
     * {@code maxBytes}); empty after answering the refusal (401, 403, or the body's problem).
     */
    public Optional<Posted> posted(ServerRequest req, ServerResponse res, Role role, int maxBytes, String expected) {
        return acting(req, res, role)
                .flatMap(who -> ApiJson.object(req, res, maxBytes, expected).map(body -> new Posted(who, body)));
    }

    /** True, after answering 401 or 403, unless the request has admin rights. */
    public boolean denied(ServerRequest req, ServerResponse res) {
        return acting(req, res, Role.ADMIN).isEmpty();
    }

    /** Who is acting with at least {@code role}; empty after answering 401 (nobody) or 403 (too low a role). */
    public Optional<Acting> acting(ServerRequest req, ServerResponse res, Role role) {
        String header = req.headers().value(HeaderNames.AUTHORIZATION).orElse("");
        if (!header.isEmpty()) {
            if (adminToken.isPresent() && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
                if (MessageDigest.isEqual(given, adminToken.get().getBytes(StandardCharsets.UTF_8))) {
                    return Optional.of(Acting.apiToken());
                }
            }
            unauthenticated().send(res);
            return Optional.empty();
        }
        Optional<Viewer> viewer = sessions.current(req);
        if (viewer.isEmpty()) {
            unauthenticated().send(res);
            return Optional.empty();
        }
        if (req.prologue().method() != Method.GET
                && (!csrf.sameOrigin(req)
                        || req.headers().value(HeaderNames.ORIGIN).isEmpty())) {
            new Problem(
                            403,
                            "cross_origin",
                            "Forbidden",
                            "A session-authenticated change must come from this site's own pages "
                                    + "(an Origin header naming this node).")
                    .send(res);
            return Optional.empty();
        }
        if (!viewer.get().can(role)) {
            new Problem(403, "forbidden", "Forbidden", "This needs the " + role.code() + " role.").send(res);
            return Optional.empty();
        }
        return Optional.of(viewer.get().acting());
    }

    private static Problem unauthenticated() {
        return new Problem(
                401,
                "unauthenticated",
                "Unauthorized",
                "This API needs Authorization: Bearer with the node's admin token, or a signed-in session.");
    }
}
