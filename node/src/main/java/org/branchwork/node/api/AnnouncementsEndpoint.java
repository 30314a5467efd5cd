package org.branchwork.node.api;

import java.util.List;
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

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.AnnouncementId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.node.service.RequestRefused;

/**
 * {@code /api/v1/announcements}: {@code POST} {@code {"title"?, "content"}} (Markdown) → 201
 * {@code {"id", "uuid", "activity", "published"}}; {@code GET} lists (newest first, {@code ?page=});
 * {@code PATCH /{uuid}} edits, {@code DELETE /{uuid}} deletes. Organisers and the admin token.
 */
public final class AnnouncementsEndpoint implements HttpService {

    private static final String EXPECTED = "{\"title\"?, \"content\"}";

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
        rules.post("/", this::publish)
                .get("/", this::list)
                .patch("/{id}", this::edit)
                .delete("/{id}", this::delete);
    }

    private void publish(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted = auth.posted(req, res, Role.ORGANISER, 256 * 1024, EXPECTED);
        if (posted.isEmpty() || !valid(posted.get().body(), res)) {
            return;
        }
        Announcement published;
        try {
            published = announcements.publish(
                    posted.get().who(),
                    ApiJson.text(posted.get().body(), "title"),
                    posted.get().body().get("content").textValue());
        } catch (RequestRefused.Invalid e) {
            new Problem(422, "invalid_announcement", "Invalid announcement", e.getMessage()).send(res);
            return;
        }
        res.headers()
                .set(HeaderNames.LOCATION, uris.announcement(published.id()).toString());
        ApiJson.send(res, Status.CREATED_201, json(published));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted = auth.posted(req, res, Role.ORGANISER, 256 * 1024, EXPECTED);
        Optional<AnnouncementId> id = posted.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty() || !valid(posted.get().body(), res)) {
            return;
        }
        try {
            announcements
                    .edit(
                            posted.get().who(),
                            id.get(),
                            ApiJson.text(posted.get().body(), "title"),
                            posted.get().body().get("content").textValue())
                    .ifPresentOrElse(a -> ApiJson.send(res, Status.OK_200, json(a)), () -> notFound(res));
        } catch (RequestRefused.Invalid e) {
            new Problem(422, "invalid_announcement", "Invalid announcement", e.getMessage()).send(res);
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        Optional<AnnouncementId> id = who.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        if (announcements.delete(who.get(), id.get())) {
            res.status(Status.NO_CONTENT_204).send();
        } else {
            notFound(res);
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        if (auth.acting(req, res, Role.ORGANISER).isEmpty()) {
            return;
        }
        int page = ApiJson.intParam(req, "page", 1);
        List<Announcement> found = announcements.page(page);
        ObjectNode out = ApiJson.JSON.createObjectNode();
        out.put("page", page).put("hasNext", found.size() > AnnouncementService.PAGE);
        ArrayNode items = out.putArray("items");
        found.stream().limit(AnnouncementService.PAGE).forEach(a -> items.add(json(a)));
        ApiJson.send(res, Status.OK_200, out);
    }

    private static boolean valid(JsonNode body, ServerResponse res) {
        if (!body.path("content").isTextual()) {
            new Problem(422, "missing_content", "Invalid announcement", "The field content (text) is required.")
                    .send(res);
            return false;
        }
        if (body.has("title")
                && !body.get("title").isTextual()
                && !body.get("title").isNull()) {
            new Problem(422, "invalid_title", "Invalid announcement", "title must be text.").send(res);
            return false;
        }
        return true;
    }

    private static Optional<AnnouncementId> id(ServerRequest req, ServerResponse res) {
        try {
            return Optional.of(AnnouncementId.parse(req.path().pathParameters().get("id")));
        } catch (IllegalArgumentException e) {
            notFound(res);
            return Optional.empty();
        }
    }

    private static void notFound(ServerResponse res) {
        new Problem(404, "not_found", "Not found", "No such announcement (the path takes the uuid the API returned).")
                .send(res);
    }

    private ObjectNode json(Announcement a) {
        ObjectNode out = ApiJson.JSON.createObjectNode();
        out.put("id", uris.announcement(a.id()).toString());
        out.put("uuid", a.id().value());
        out.put("activity", uris.announcementCreate(a.id()).toString());
        out.put("type", a.title() == null ? "Note" : "Article");
        if (a.title() != null) {
            out.put("title", a.title());
        }
        out.put("content", a.markdown());
        out.put("html", a.content());
        out.put("published", a.published().toString());
        if (a.updated() != null) {
            out.put("updated", a.updated().toString());
        }
        return out;
    }
}
