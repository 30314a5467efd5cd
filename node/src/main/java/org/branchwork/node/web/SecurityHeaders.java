package org.branchwork.node.web;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Security headers on every response. Pages use no inline script or style, so the policy can be
 * strict; {@code frame-ancestors 'none'} stops click-jacking of organiser forms.
 */
public final class SecurityHeaders implements Filter {

    private static final Header CSP = HeaderValues.create(
            HeaderNames.create("Content-Security-Policy"),
            "default-src 'none'; style-src 'self'; img-src 'self' https: data:; form-action 'self'; "
                    + "base-uri 'none'; frame-ancestors 'none'");
    private static final Header NOSNIFF = HeaderValues.create(HeaderNames.create("X-Content-Type-Options"), "nosniff");
    private static final Header REFERRER = HeaderValues.create(HeaderNames.create("Referrer-Policy"), "same-origin");
    private static final Header FRAMES = HeaderValues.create(HeaderNames.create("X-Frame-Options"), "DENY");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header(CSP);
        res.header(NOSNIFF);
        res.header(REFERRER);
        res.header(FRAMES);
        chain.proceed();
    }
}
