package org.branchwork.node.api;


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

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.federation.LocalUris;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.node.web.Problem;

/** {@code POST /api/v1/announcements} {@code {"title"?, "content"}} → 201 {@code {"id", "published"}}. */
public final class AnnouncementsEndpoint implements HttpService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AnnouncementService announcements;
    private final LocalUris uris;
    private final ApiAuth auth;

    public AnnouncementsEndpoint(AnnouncementService announcements, LocalUris uris, ApiAuth auth) {
        this.announcements = announcements;
        this.uris = uris;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::publish);
    }

    private void publish(ServerRequest req, ServerResponse res) {
        if (auth.denied(req, res)) {
            return;
        }
        Optional<JsonNode> json = ApiJson.object(req, res, 256 * 1024, "{\"title\"?, \"content\"}");
        if (json.isEmpty()) {
            return;
        }
        JsonNode body = json.get();
        if (!body.path("content").isTextual()) {
            new Problem(422, "missing_content", "Invalid announcement", "The field content (text) is required.").send(res);
            return;
        }
        if (body.has("title") && !body.get("title").isTextual() && !body.get("title").isNull()) {
            new Problem(422, "invalid_title", "Invalid announcement", "title must be text.").send(res);
            return;
        }
        Announcement published;
        try {
            published = announcements.publish(body.path("title").isTextual() ? body.get("title").textValue() : null,
                    body.get("content").textValue());
        } catch (IllegalArgumentException e) {
            new Problem(422, "invalid_announcement", "Invalid announcement", e.getMessage()).send(res);
            return;
        } catch (IllegalStateException e) {
            new Problem(409, "not_set_up", "Not set up", "The node has no branch yet.").send(res);
            return;
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("id", uris.announcement(published.id()).toString());
        out.put("activity", uris.announcementCreate(published.id()).toString());
        out.put("published", published.published().toString());
        res.status(Status.CREATED_201);
        res.headers().set(HeaderNames.LOCATION, uris.announcement(published.id()).toString());
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(out.toString());
    }
}
