package org.branchwork.node.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import org.branchwork.node.web.Problem;

/**
 * Authentication of {@code /api/v1}: the operator's {@code BRANCHWORK_ADMIN_TOKEN} as a bearer
 * token (sessions come with the members work). Deny by default: without a configured token the
 * API answers 401 to everyone.
 */
public final class ApiAuth {

    private final Optional<String> adminToken;

    public ApiAuth(Optional<String> adminToken) {
        this.adminToken = adminToken;
    }

    /** True, after answering 401, unless the request carries the admin token. */
    public boolean denied(ServerRequest req, io.helidon.webserver.http.ServerResponse res) {
        Optional<Problem> problem = requireAdmin(req);
        problem.ifPresent(p -> p.send(res));
        return problem.isPresent();
    }

    /** Empty when the request carries the admin token; otherwise the 401 to send. */
    Optional<Problem> requireAdmin(ServerRequest req) {
        String header = req.headers().value(HeaderNames.AUTHORIZATION).orElse("");
        if (adminToken.isPresent() && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            byte[] given = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
            if (MessageDigest.isEqual(given, adminToken.get().getBytes(StandardCharsets.UTF_8))) {
                return Optional.empty();
            }
        }
        return Optional.of(new Problem(401, "unauthenticated", "Unauthorized",
                "This API needs Authorization: Bearer with the node's admin token."));
    }
}
