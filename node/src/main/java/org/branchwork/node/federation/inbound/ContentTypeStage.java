package org.branchwork.node.federation.inbound;

import java.util.Locale;

import org.branchwork.node.http.Problem;

/** Only ActivityStreams JSON is taken (some peers send plain {@code application/json}: accepted too). */
final class ContentTypeStage implements InboxStage<Received, Received> {

    @Override
    public Step<Received> apply(Received received) {
        String type = received.request().header("content-type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/activity+json")
                || type.startsWith("application/ld+json")
                || type.startsWith("application/json")) {
            return Step.pass(received);
        }
        return Step.stop(new Problem(
                415,
                "unsupported_content_type",
                "Unsupported media type",
                "An inbox takes application/activity+json, not '" + type + "'."));
    }
}
