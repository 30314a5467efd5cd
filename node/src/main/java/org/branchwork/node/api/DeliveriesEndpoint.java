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

import org.branchwork.node.federation.DeliveryQueueService;
import org.branchwork.node.http.Problem;

/**
 * {@code /api/v1/admin/deliveries}: the delivery queue ({@code GET}: counts, pending per host, failing
 * and unavailable hosts, dead letters) and {@code POST /requeue} with {@code {"id"}} for one dead
 * letter or {@code {"all": true}} for every one.
 */
public final class DeliveriesEndpoint implements HttpService {

    private final DeliveryQueueService queue;

    public DeliveriesEndpoint(DeliveryQueueService queue) {
        this.queue = queue;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::overview).post("/requeue", this::requeue);
    }

    private void overview(ServerRequest req, ServerResponse res) {
        DeliveryQueueService.Overview o = queue.overview();
        ObjectNode out = ApiJson.JSON.createObjectNode();
        out.putObject("counts")
                .put("pending", o.counts().pending())
                .put("failing", o.counts().failing())
                .put("delivered", o.counts().delivered())
                .put("dead", o.counts().dead());
        ArrayNode hosts = out.putArray("pendingByHost");
        o.pendingByHost()
                .forEach(h -> hosts.addObject()
                        .put("host", h.host())
                        .put("pending", h.pending())
                        .put("failing", h.failing()));
        ArrayNode troubled = out.putArray("troubledHosts");
        o.troubledHosts().forEach(h -> {
            ObjectNode n = troubled.addObject().put("host", h.host()).put("unavailable", h.unavailable());
            h.failingSince().ifPresent(t -> n.put("failingSince", t.toString()));
            h.lastError().ifPresent(e -> n.put("lastError", e));
            h.nextProbeAt().ifPresent(t -> n.put("nextProbeAt", t.toString()));
        });
        ArrayNode dead = out.putArray("deadLetters");
        o.deadLetters()
                .forEach(d -> dead.addObject()
                        .put("id", d.id())
                        .put("inbox", d.inbox().toString())
                        .put("activity", d.activityId())
                        .put("attempts", d.attempts())
                        .put("error", d.error())
                        .put("finishedAt", d.finishedAt().toString()));
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(out.toString());
    }

    private void requeue(ServerRequest req, ServerResponse res) {
        Optional<JsonNode> body = ApiJson.object(req, res, 1024, "{\"id\": <dead letter id>} or {\"all\": true}");
        if (body.isEmpty()) {
            return;
        }
        JsonNode json = body.get();
        if (json.path("all").asBoolean(false)) {
            send(res, queue.requeueAll());
        } else if (json.path("id").canConvertToLong()) {
            long id = json.get("id").longValue();
            if (queue.requeue(id)) {
                send(res, 1);
            } else {
                new Problem(404, "no_such_dead_letter", "Not found", "No dead letter has id " + id + ".").send(res);
            }
        } else {
            Problem.badRequest("invalid_request", "Send {\"id\": <dead letter id>} or {\"all\": true}.")
                    .send(res);
        }
    }

    private static void send(ServerResponse res, int requeued) {
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(ApiJson.JSON.createObjectNode().put("requeued", requeued).toString());
    }
}
