package org.branchwork.node.api;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.federation.FollowService;
import org.branchwork.node.http.Problem;
import org.branchwork.node.storage.FollowStore;

/** {@code /api/v1/follows}: follow ({@code POST {"target"}}), list ({@code GET}), unfollow ({@code DELETE ?target=}). */
public final class FollowsEndpoint implements HttpService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FollowService follows;
    private final ApiAuth auth;

    public FollowsEndpoint(FollowService follows, ApiAuth auth) {
        this.follows = follows;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::follow).get("/", this::list).delete("/", this::unfollow);
    }

    private void follow(ServerRequest req, ServerResponse res) {
        if (auth.denied(req, res)) {
            return;
        }
        Optional<JsonNode> json = ApiJson.object(req, res, 16 * 1024, "{\"target\": \"@slug@host\"}");
        if (json.isEmpty()) {
            return;
        }
        JsonNode body = json.get();
        if (!body.path("target").isTextual()) {
            Problem.badRequest(
                            "missing_target",
                            "Give the branch to follow: {\"target\": \"@slug@host\" or an actor URL}.")
                    .send(res);
            return;
        }
        switch (follows.follow(body.get("target").textValue())) {
            case FollowService.Result.Failed f ->
                new Problem(f.status(), f.code(), "Cannot follow", f.detail()).send(res);
            case FollowService.Result.Requested r -> {
                res.status(Status.ACCEPTED_202);
                res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
                res.send(json(r.following()).toString());
            }
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        if (auth.denied(req, res)) {
            return;
        }
        ArrayNode out = JSON.createArrayNode();
        follows.following().forEach(f -> out.add(json(f)));
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(out.toString());
    }

    private void unfollow(ServerRequest req, ServerResponse res) {
        if (auth.denied(req, res)) {
            return;
        }
        String target = req.query().first("target").orElse("");
        if (follows.unfollow(target)) {
            res.status(Status.NO_CONTENT_204).send();
        } else {
            new Problem(404, "not_following", "Not found", "The branch does not follow " + target + ".").send(res);
        }
    }

    private static ObjectNode json(FollowStore.Following f) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", f.followId().toString());
        node.put("target", f.actor().toString());
        node.put("state", f.state());
        return node;
    }
}
