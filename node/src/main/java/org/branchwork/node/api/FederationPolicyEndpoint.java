package org.branchwork.node.api;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.NodeSettingsService;
import org.branchwork.node.service.PeerPolicy;
import org.branchwork.node.storage.PeerPolicyStore.PolicyList;

/**
 * {@code /api/v1/admin}: the node's federation policy. {@code GET /federation} shows it,
 * {@code PUT /federation {"mode": "open"|"allowlist"}} sets the mode, and
 * {@code /domain-blocks}, {@code /actor-blocks}, {@code /allowed-domains} take {@code POST
 * {"value"}} and {@code DELETE ?value=}.
 */
public final class FederationPolicyEndpoint implements HttpService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PeerPolicy policy;
    private final NodeSettingsService settings;

    public FederationPolicyEndpoint(PeerPolicy policy, NodeSettingsService settings) {
        this.policy = policy;
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/federation", this::show).put("/federation", this::setMode);
        for (PolicyList list : PolicyList.values()) {
            String path = "/" + list.name().toLowerCase(Locale.ROOT).replace('_', '-') + "s";
            rules.post(path, (req, res) -> add(req, res, list)).delete(path, (req, res) -> remove(req, res, list));
        }
    }

    private void show(ServerRequest req, ServerResponse res) {
        ObjectNode out = JSON.createObjectNode();
        out.put("mode", policy.mode().name().toLowerCase(Locale.ROOT));
        out.put("followApproval", policy.manualApproval() ? "manual" : "auto");
        policy.list(PolicyList.DOMAIN_BLOCK).forEach(out.putArray("domainBlocks")::add);
        policy.list(PolicyList.ACTOR_BLOCK).forEach(out.putArray("actorBlocks")::add);
        policy.list(PolicyList.ALLOWED_DOMAIN).forEach(out.putArray("allowedDomains")::add);
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(out.toString());
    }

    private void setMode(ServerRequest req, ServerResponse res) {
        Optional<AdminPost> post = adminPost(req, res);
        if (post.isEmpty()) {
            return;
        }
        Acting who = post.get().who();
        JsonNode body = post.get().body();
        String mode = body.path("mode").asText(null);
        String approval = body.path("followApproval").asText(null);
        if ((mode == null && approval == null) || (mode != null && !mode.equals("open") && !mode.equals("allowlist"))) {
            new Problem(
                            422,
                            "invalid_mode",
                            "Invalid setting",
                            "Send mode (\"open\" or \"allowlist\") and/or followApproval (\"auto\" or \"manual\").")
                    .send(res);
            return;
        }
        if (approval != null && !approval.equals("auto") && !approval.equals("manual")) {
            new Problem(422, "invalid_follow_approval", "Invalid setting", "followApproval is \"auto\" or \"manual\".")
                    .send(res);
            return;
        }
        if (mode != null) {
            settings.setMode(who, PeerPolicy.Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
        }
        if (approval != null) {
            settings.setManualApproval(who, approval.equals("manual"));
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void add(ServerRequest req, ServerResponse res, PolicyList list) {
        Optional<AdminPost> post = adminPost(req, res);
        if (post.isEmpty()) {
            return;
        }
        JsonNode body = post.get().body();
        if (!body.path("value").isTextual()) {
            new Problem(422, "missing_value", "Invalid entry", "Send {\"value\": \"example.org\"} (or an actor IRI).")
                    .send(res);
            return;
        }
        try {
            boolean added =
                    settings.add(post.get().who(), list, body.get("value").textValue());
            res.status(added ? Status.CREATED_201 : Status.OK_200).send();
        } catch (IllegalArgumentException e) {
            new Problem(422, "invalid_value", "Invalid entry", e.getMessage()).send(res);
        }
    }

    private void remove(ServerRequest req, ServerResponse res, PolicyList list) {
        String value = req.query().first("value").orElse("");
        try {
            if (settings.remove(ApiAuth.actingIn(req), list, value)) {
                res.status(Status.NO_CONTENT_204).send();
            } else {
                new Problem(404, "not_listed", "Not found", value + " is not on the list.").send(res);
            }
        } catch (IllegalArgumentException e) {
            new Problem(422, "invalid_value", "Invalid entry", e.getMessage()).send(res);
        }
    }

    /** An admin's request and its JSON body; empty when either was refused (the answer is sent). */
    private record AdminPost(Acting who, JsonNode body) {}

    private Optional<AdminPost> adminPost(ServerRequest req, ServerResponse res) {
        return ApiJson.object(req, res, 16 * 1024, "see docs/FEDERATION.md")
                .map(body -> new AdminPost(ApiAuth.actingIn(req), body));
    }
}
