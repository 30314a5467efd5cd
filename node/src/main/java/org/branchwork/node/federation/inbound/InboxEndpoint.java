package org.branchwork.node.federation.inbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.http.Problem;
import org.branchwork.node.http.PublicOrigin;
import org.branchwork.protocol.sig.SignableRequest;

/**
 * {@code POST} to the shared inbox, the branch's inbox and the instance actor's inbox. Reads at
 * most {@value #MAX_BODY} bytes, hands the request to the {@link InboxPipeline}, answers 202 once
 * the activity is stored and handles it after answering.
 */
public final class InboxEndpoint implements HttpService {

    /** Largest activity accepted (Mastodon's limit is about the same). */
    public static final int MAX_BODY = 1024 * 1024;

    private final InboxPipeline pipeline;
    private final InboxProcessor processor;
    private final PublicOrigin origin;

    public InboxEndpoint(InboxPipeline pipeline, InboxProcessor processor, PublicOrigin origin) {
        this.pipeline = pipeline;
        this.processor = processor;
        this.origin = origin;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/inbox", this::receive)
                .post("/actor/inbox", this::receive)
                .post("/groups/{slug}/inbox", this::receive)
                .post("/people/{handle}/inbox", this::receive);
    }

    private void receive(ServerRequest req, ServerResponse res) {
        if (req.headers().contentLength().orElse(0) > MAX_BODY) {
            tooLarge().send(res);
            return;
        }
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > MAX_BODY) {
            tooLarge().send(res);
            return;
        }
        switch (pipeline.process(new Received(signable(req), body))) {
            case InboxPipeline.Result.Refused refused -> refused.problem().send(res);
            case InboxPipeline.Result.Accepted accepted -> {
                res.status(Status.ACCEPTED_202).send();
                if (!accepted.duplicate()) {
                    processor.submit(accepted.activityId(), accepted.activity(), accepted.document(), accepted.size());
                }
            }
        }
    }

    /** The request as the sender signed it: our public origin, the path and query as received. */
    private SignableRequest signable(ServerRequest req) {
        String query = req.query().rawValue();
        URI target = URI.create(origin.uri() + req.path().rawPath() + (query.isEmpty() ? "" : "?" + query));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        req.headers().forEach(h -> headers.put(h.name(), h.allValues()));
        return new SignableRequest(req.prologue().method().text(), target, headers);
    }

    private static Problem tooLarge() {
        return new Problem(
                413, "body_too_large", "Content too large", "An activity may be at most " + MAX_BODY + " bytes.");
    }
}
