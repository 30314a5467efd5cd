package org.branchwork.node.api;

import java.net.URI;
import java.util.ArrayList;
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

import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.CampaignStanding;
import org.branchwork.node.domain.Role;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.AdoptionService;
import org.branchwork.node.service.CampaignInput;
import org.branchwork.node.service.CampaignService;

/**
 * {@code /api/v1/campaigns} (organisers): {@code POST} publishes one → 201; {@code GET} lists this
 * node's campaigns with their standing ({@code adopters} as branch actor ids, {@code events} as
 * event ids, {@code participants}, {@code goals} with progress) and the campaigns received from
 * followed nodes ({@code received}); {@code GET|PATCH /{uuid}}, {@code POST /{uuid}/close};
 * {@code POST /adopt} and {@code /withdraw} {@code {"campaign": id}} for a branch.
 */
public final class CampaignsEndpoint implements HttpService {

    private static final String EXPECTED = "{\"title\", \"summary\"?, \"content\", \"startDate\", \"endDate\", "
            + "\"callToAction\"?, \"hashtag\"?, \"goals\"?: [{\"name\", \"target\", \"metric\"}], "
            + "\"resources\"?: [{\"name\", \"url\"}], \"suggestedCategories\"?: [..]}";

    private final CampaignService campaigns;
    private final AdoptionService adoptions;
    private final LocalUris uris;
    private final ApiAuth auth;

    public CampaignsEndpoint(CampaignService campaigns, AdoptionService adoptions, LocalUris uris, ApiAuth auth) {
        this.campaigns = campaigns;
        this.adoptions = adoptions;
        this.uris = uris;
        this.auth = auth;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::create)
                .get("/", this::list)
                .post("/adopt", (req, res) -> adoption(req, res, true))
                .post("/withdraw", (req, res) -> adoption(req, res, false))
                .post("/report", this::report)
                .get("/{id}", this::show)
                .patch("/{id}", this::edit)
                .post("/{id}/close", this::close);
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted = auth.posted(req, res, Role.ORGANISER, 256 * 1024, EXPECTED);
        if (posted.isEmpty()) {
            return;
        }
        // A node with no branch yet is refused by the service (NotSetUp: 409), answered by ErrorHandlers.
        CampaignService.Result result =
                campaigns.create(posted.get().who(), input(posted.get().body()));
        if (result.campaign() == null) {
            ApiJson.invalid(res, "Invalid campaign", "invalid_campaign", result.errors());
            return;
        }
        res.headers()
                .set(HeaderNames.LOCATION, uris.campaign(result.campaign().id()).toString());
        ApiJson.send(
                res,
                Status.CREATED_201,
                json(campaigns.standing(result.campaign().id()).orElseThrow()));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted = auth.posted(req, res, Role.ORGANISER, 256 * 1024, EXPECTED);
        Optional<CampaignId> id = posted.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        Optional<CampaignService.Result> result =
                campaigns.edit(posted.get().who(), id.get(), input(posted.get().body()));
        if (result.isEmpty()) {
            notFound(res);
        } else if (result.get().campaign() == null) {
            ApiJson.invalid(
                    res, "Invalid campaign", "invalid_campaign", result.get().errors());
        } else {
            ApiJson.send(res, Status.OK_200, json(campaigns.standing(id.get()).orElseThrow()));
        }
    }

    private void close(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        Optional<CampaignId> id = who.isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        if (campaigns.close(who.get(), id.get()).isEmpty()) {
            notFound(res);
        } else {
            ApiJson.send(res, Status.OK_200, json(campaigns.standing(id.get()).orElseThrow()));
        }
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<CampaignId> id = auth.acting(req, res, Role.ORGANISER).isEmpty() ? Optional.empty() : id(req, res);
        if (id.isEmpty()) {
            return;
        }
        campaigns
                .standing(id.get())
                .ifPresentOrElse(s -> ApiJson.send(res, Status.OK_200, json(s)), () -> notFound(res));
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        if (who.isEmpty()) {
            return;
        }
        ObjectNode out = ApiJson.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        for (Campaign k : campaigns.all()) {
            campaigns.standing(k.id()).ifPresent(s -> items.add(json(s)));
        }
        ArrayNode received = out.putArray("received");
        for (AdoptionService.Received r : adoptions.received(who.get())) {
            received.addObject()
                    .put("id", r.item().id().toString())
                    .put("title", r.item().shown().name())
                    .put("owner", r.item().attributedTo().toString())
                    .put("adopted", r.adopted());
        }
        ApiJson.send(res, Status.OK_200, out);
    }

    private void adoption(ServerRequest req, ServerResponse res, boolean adopt) {
        Optional<Acting> who = auth.acting(req, res, Role.ORGANISER);
        Optional<JsonNode> body =
                who.isEmpty() ? Optional.empty() : ApiJson.object(req, res, 4096, "{\"campaign\": id}");
        if (body.isEmpty()) {
            return;
        }
        URI campaign;
        try {
            campaign = new URI(body.get().path("campaign").asText(""));
            if (!campaign.isAbsolute()) {
                throw new java.net.URISyntaxException(campaign.toString(), "not absolute");
            }
        } catch (java.net.URISyntaxException e) {
            new Problem(422, "invalid_campaign", "Invalid campaign", "campaign must be the campaign's id (a URL).")
                    .send(res);
            return;
        }
        if (adopt) {
            Optional<String> problem = adoptions.adopt(who.get(), campaign);
            if (problem.isPresent()) {
                new Problem(422, "cannot_adopt", "Cannot adopt", problem.get()).send(res);
            } else {
                accepted(res, campaign, "adopted");
            }
        } else if (adoptions.withdraw(who.get(), campaign)) {
            accepted(res, campaign, "withdrawn");
        } else {
            new Problem(404, "not_adopted", "Not found", "This branch has not adopted that campaign.").send(res);
        }
    }

    private void report(ServerRequest req, ServerResponse res) {
        Optional<ApiAuth.Posted> posted =
                auth.posted(req, res, Role.ORGANISER, 4096, "{\"campaign\": id, \"goal\": name, \"amount\": n}");
        if (posted.isEmpty()) {
            return;
        }
        if (!posted.get().body().path("amount").canConvertToInt()) {
            new Problem(422, "invalid_report", "Invalid report", "amount must be a whole number.").send(res);
            return;
        }
        URI campaign;
        try {
            campaign = new URI(posted.get().body().path("campaign").asText(""));
        } catch (java.net.URISyntaxException e) {
            new Problem(422, "invalid_campaign", "Invalid campaign", "campaign must be the campaign's id (a URL).")
                    .send(res);
            return;
        }
        Optional<String> problem = adoptions.report(
                posted.get().who(),
                campaign,
                ApiJson.text(posted.get().body(), "goal"),
                posted.get().body().get("amount").asInt());
        if (problem.isPresent()) {
            new Problem(422, "cannot_report", "Cannot report", problem.get()).send(res);
        } else {
            ApiJson.send(
                    res, Status.ACCEPTED_202, ApiJson.JSON.createObjectNode().put("campaign", campaign.toString()));
        }
    }

    private static CampaignInput input(JsonNode b) {
        List<CampaignInput.GoalInput> goals = new ArrayList<>();
        b.path("goals")
                .forEach(g -> goals.add(new CampaignInput.GoalInput(
                        ApiJson.text(g, "name"), ApiJson.text(g, "target"), ApiJson.text(g, "metric"))));
        List<CampaignInput.ResourceInput> resources = new ArrayList<>();
        b.path("resources")
                .forEach(r -> resources.add(
                        new CampaignInput.ResourceInput(ApiJson.text(r, "name"), ApiJson.text(r, "url"))));
        List<String> categories = new ArrayList<>();
        b.path("suggestedCategories").forEach(c -> categories.add(c.asText()));
        return new CampaignInput(
                ApiJson.text(b, "title"),
                ApiJson.text(b, "summary"),
                ApiJson.text(b, "content"),
                ApiJson.text(b, "callToAction"),
                ApiJson.text(b, "hashtag"),
                ApiJson.text(b, "startDate"),
                ApiJson.text(b, "endDate"),
                goals,
                resources,
                categories);
    }

    private static Optional<CampaignId> id(ServerRequest req, ServerResponse res) {
        try {
            return Optional.of(CampaignId.parse(req.path().pathParameters().get("id")));
        } catch (IllegalArgumentException e) {
            notFound(res);
            return Optional.empty();
        }
    }

    private static void notFound(ServerResponse res) {
        new Problem(404, "not_found", "Not found", "No such campaign (the path takes the uuid the API returned).")
                .send(res);
    }

    private ObjectNode json(CampaignStanding s) {
        Campaign k = s.campaign();
        ObjectNode out = ApiJson.JSON.createObjectNode();
        out.put("id", uris.campaign(k.id()).toString())
                .put("uuid", k.id().value())
                .put("title", k.title())
                .put("summary", k.summary())
                .put("content", k.markdown())
                .put("startDate", k.startsOn().toString())
                .put("endDate", k.endsOn().toString())
                .put("status", k.ended() ? "ended" : "open")
                .put("callToAction", k.callToAction())
                .put("hashtag", k.hashtag())
                .put("participants", s.participants())
                .put("attended", s.attended());
        ArrayNode adopters = out.putArray("adopters");
        s.adopters().forEach(a -> adopters.add(a.branch().toString()));
        ArrayNode events = out.putArray("events");
        s.events().forEach(e -> events.add(e.event().toString()));
        ArrayNode eventDetails = out.putArray("eventDetails");
        s.events()
                .forEach(e -> eventDetails
                        .addObject()
                        .put("id", e.event().toString())
                        .put("branch", e.branch().toString())
                        .put("name", e.name())
                        .put("startTime", e.startsAt().toString())
                        .put("participants", e.participants())
                        .put("attended", e.attended())
                        .put("cancelled", e.cancelled()));
        ArrayNode goals = out.putArray("goals");
        s.goals()
                .forEach(g -> goals.addObject()
                        .put("name", g.goal().label())
                        .put("target", g.goal().target())
                        .put("metric", g.goal().metric().code())
                        .put("progress", g.progress()));
        ArrayNode resources = out.putArray("resources");
        k.resources()
                .forEach(r -> resources
                        .addObject()
                        .put("name", r.name())
                        .put("url", r.url().toString()));
        return out;
    }

    /** 202: the branch's Join or Leave is on its way to the campaign's owner. */
    private static void accepted(ServerResponse res, URI campaign, String state) {
        ApiJson.send(
                res,
                Status.ACCEPTED_202,
                ApiJson.JSON
                        .createObjectNode()
                        .put("campaign", campaign.toString())
                        .put("state", state));
    }
}
