package org.branchwork.node.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberQuery;
import org.branchwork.node.domain.Role;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.MemberService;

/**
 * {@code /api/v1/members} for imports and automation: {@code POST} adds a member (same validation
 * and audit as the web forms), {@code GET} searches ({@code q}, {@code postcode}, {@code tag},
 * {@code since}, {@code page}, {@code pageSize}). Organisers and admins only.
 */
public final class MembersEndpoint implements HttpService {

    private final MemberService members;
    private final ApiAuth auth;

    public MembersEndpoint(MemberService members, ApiAuth auth) {
        this.members = members;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create).get("/", this::list);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        Optional<JsonNode> body = ApiJson.object(
                req,
                res,
                16 * 1024,
                "{\"name\", \"email\", \"postcode\", \"phone\"?, \"contactConsent\"?, \"tags\"?: [..]}");
        if (body.isEmpty()) {
            return;
        }
        JsonNode b = body.get();
        StringBuilder tags = new StringBuilder();
        b.path("tags").forEach(t -> tags.append(t.asText()).append(','));
        switch (members.create(
                who.get(),
                b.path("name").asText(""),
                b.path("email").asText(""),
                b.path("postcode").asText(""),
                b.path("phone").asText(""),
                b.path("contactConsent").asBoolean(false),
                tags.toString(),
                "api")) {
            case MemberService.CreateResult.Created created -> {
                res.status(Status.CREATED_201);
                res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
                res.send(json(created.member(), java.util.List.of()).toString());
            }
            case MemberService.CreateResult.Invalid invalid -> {
                ObjectNode problem = ApiJson.JSON
                        .createObjectNode()
                        .put("type", "about:blank")
                        .put("title", "Invalid member")
                        .put("status", 422)
                        .put("code", "invalid_member")
                        .put("detail", invalid.errors().get(0).message());
                ArrayNode errors = problem.putArray("errors");
                invalid.errors()
                        .forEach(e -> errors.addObject().put("field", e.field()).put("message", e.message()));
                res.status(Status.UNPROCESSABLE_CONTENT_422);
                res.headers().set(HeaderNames.CONTENT_TYPE, "application/problem+json");
                res.send(problem.toString());
            }
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        Instant since = null;
        Optional<String> sinceText = req.query().first("since").asOptional();
        if (sinceText.isPresent()) {
            try {
                since = Instant.parse(sinceText.get());
            } catch (DateTimeParseException e) {
                Problem.badRequest("invalid_since", "since must be an instant such as 2026-01-31T00:00:00Z.")
                        .send(res);
                return;
            }
        }
        int page = intParam(req, "page", 1);
        int pageSize = intParam(req, "pageSize", 50);
        MemberService.Listing listing = members.search(
                who.get(),
                new MemberQuery(
                        req.query().first("q").orElse(""),
                        req.query().first("postcode").orElse(""),
                        req.query().first("tag").orElse(""),
                        since,
                        MemberQuery.Sort.NEWEST,
                        page,
                        pageSize));
        ObjectNode out = ApiJson.JSON.createObjectNode();
        out.put("total", listing.total())
                .put("page", listing.query().page())
                .put("pageSize", listing.query().pageSize());
        ArrayNode items = out.putArray("items");
        listing.rows().forEach(r -> items.add(json(r.member(), r.tags())));
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(out.toString());
    }

    private static int intParam(ServerRequest req, String name, int fallback) {
        return ApiJson.intParam(req, name, fallback);
    }

    private static ObjectNode json(Member m, java.util.List<String> tags) {
        ObjectNode n = ApiJson.JSON.createObjectNode();
        n.put("id", m.id().value())
                .put("name", m.displayName())
                .put("email", m.email())
                .put("postcode", m.postcode())
                .put("phone", m.phone())
                .put("contactConsent", m.contactConsent())
                .put("role", m.role().code())
                .put("joined", m.createdAt().toString());
        tags.forEach(n.putArray("tags")::add);
        return n;
    }
}
