package org.branchwork.node.web;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * Renders the Mustache templates under {@code templates/} on the classpath. Every page extends
 * {@code layout/page.mustache}; values are HTML-escaped unless a template says otherwise.
 */
public final class Templates {

    private static final HttpMediaType HTML =
            HttpMediaType.create(MediaTypes.TEXT_HTML).withCharset(StandardCharsets.UTF_8);

    private final MustacheFactory factory = new DefaultMustacheFactory("templates");

    /**
     * Renders with one or more scopes; names resolve in the last scope first, so a page's view can
     * sit on top of the shared {@code Chrome} (site name, navigation).
     */
    public String render(String template, Object... scopes) {
        Mustache mustache = factory.compile(template + ".mustache");
        StringWriter out = new StringWriter();
        try {
            mustache.execute(out, scopes).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Renders a page and sends it as HTML with the given status. */
    public void send(ServerResponse res, Status status, String template, Object... scopes) {
        String html = render(template, scopes);
        res.status(status);
        res.headers().contentType(HTML);
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(html);
    }
}
