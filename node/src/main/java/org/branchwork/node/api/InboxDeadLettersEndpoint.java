package org.branchwork.node.api;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.federation.InboxDeadLetters;
import org.branchwork.node.http.Problem;

/**
 * {@code /api/v1/admin/inbox}: accepted activities whose handling kept failing until it ran out of
 * attempts ({@code GET}: the dead letters) and {@code POST /requeue} with {@code {"id": activity id}}
 * or {@code {"all": true}} to handle them again now.
 */
public final class InboxDeadLettersEndpoint implements HttpService {

    private static final int LIST_LIMIT = 100;

    private final InboxDeadLetters processor;

    public InboxDeadLettersEndpoint(InboxDeadLetters processor) {
        this.processor = processor;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list).post("/requeue", this::requeue);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ObjectNode out = ApiJson.JSON.createObjectNode();
        ArrayNode dead = out.putArray("deadLetters");
        processor
                .list(LIST_LIMIT)
                .forEach(d -> dead.addObject()
                        .put("activity", d.activityId())
                        .put("actor", d.actor())
                        .put("type", d.type())
                        .put("attempts", d.attempts())
                        .put("error", d.error())
                        .put("lastTried", d.lastTried().toString()));
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(out.toString());
    }

    private void requeue(ServerRequest req, ServerResponse res) {
        Optional<JsonNode> body = ApiJson.object(req, res, 4096, "{\"id\": <activity id>} or {\"all\": true}");
        if (body.isEmpty()) {
            return;
        }
        JsonNode json = body.get();
        int requeued;
        if (json.path("all").asBoolean(false)) {
            requeued = processor.requeue(null);
        } else if (json.path("id").isTextual()) {
            requeued = processor.requeue(json.get("id").textValue());
            if (requeued == 0) {
                new Problem(404, "no_such_dead_letter", "Not found", "No dead inbox activity has that id.").send(res);
                return;
            }
        } else {
            Problem.badRequest("invalid_request", "Send {\"id\": <activity id>} or {\"all\": true}.")
                    .send(res);
            return;
        }
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(ApiJson.JSON.createObjectNode().put("requeued", requeued).toString());
    }
}
