package org.branchwork.node.api;

import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.federation.FollowService;
import org.branchwork.node.http.Problem;

/**
 * {@code /api/v1/admin/follow-requests}: follows of the branch waiting for approval ({@code GET}),
 * and the admin's answer ({@code POST /approve} or {@code /reject} with {@code {"actor"}}).
 */
public final class FollowRequestsEndpoint implements HttpService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FollowService follows;

    public FollowRequestsEndpoint(FollowService follows) {
        this.follows = follows;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
                .post("/approve", (req, res) -> decide(req, res, true))
                .post("/reject", (req, res) -> decide(req, res, false));
    }

    private void list(ServerRequest req, ServerResponse res) {
        ArrayNode out = JSON.createArrayNode();
        follows.pending()
                .forEach(f -> out.addObject()
                        .put("actor", f.actor().toString())
                        .put("follow", f.followId().toString()));
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(out.toString());
    }

    private void decide(ServerRequest req, ServerResponse res, boolean approve) {
        Optional<JsonNode> body = ApiJson.object(req, res, 16 * 1024, "{\"actor\": \"<actor IRI>\"}");
        if (body.isEmpty()) {
            return;
        }
        URI actor;
        try {
            actor = URI.create(body.get().path("actor").asText(""));
        } catch (IllegalArgumentException e) {
            Problem.badRequest("invalid_request", "Send {\"actor\": \"<actor IRI>\"}.")
                    .send(res);
            return;
        }
        if (follows.decide(actor, approve)) {
            res.status(Status.NO_CONTENT_204).send();
        } else {
            new Problem(404, "no_such_request", "Not found", "No follow request from " + actor + " is waiting.")
                    .send(res);
        }
    }
}
