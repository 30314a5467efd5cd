package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.it.EventFederationIT.api;
import static org.branchwork.node.it.EventFederationIT.send;
import static org.branchwork.node.testing.Await.until;

/**
 * A national node and three branches on loopback: national publishes a campaign; two branches
 * adopt it and each runs two linked events with RSVPs; national's campaign shows exactly the two
 * adopters, four events, the participants and goal progress, from signed activities alone; one
 * branch withdraws and drops out. A Join by an actor that is not a Group, a replayed Join and a
 * linked event forged from another origin change nothing.
 */
class CampaignFederationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private FakePeer peer;

    @AfterEach
    void stop() {
        nodes.values().forEach(Node::close);
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void twoBranchesAdoptRunEventsAndOneWithdrawsWhileForgeriesCountForNothing() throws Exception {
        Node national = start("national");
        Node stockport = start("stockport");
        Node manchester = start("manchester");
        Node salford = start("salford");
        Node bolton = start("bolton");
        for (Node branch : List.of(stockport, manchester, salford)) {
            HttpResponse<String> followed = api(
                    branch, "POST", "/api/v1/follows", "{\"target\": \"@national@localhost:" + national.port() + "\"}");
            assertThat(followed.statusCode()).as(followed.body()).isEqualTo(202);
        }
        until("national has three followers", () -> national.inspect().followerCount() == 3);
        // Bolton follows only Stockport: it learns of the campaign from Stockport's Announce alone.
        assertThat(api(
                                bolton,
                                "POST",
                                "/api/v1/follows",
                                "{\"target\": \"@stockport@localhost:" + stockport.port() + "\"}")
                        .statusCode())
                .isEqualTo(202);
        until("stockport has bolton as follower", () -> stockport.inspect().followerCount() == 1);

        HttpResponse<String> published = api(national, "POST", "/api/v1/campaigns", """
                {"title": "Warm Homes", "summary": "Insulate every home by 2030.", "content": "Talk to **neighbours**.",
                 "startDate": "2027-01-01", "endDate": "2027-03-31", "callToAction": "Run a street stall",
                 "hashtag": "WarmHomes", "suggestedCategories": ["canvassing", "rally"],
                 "resources": [{"name": "Leaflet", "url": "https://national.example/leaflet.pdf"}],
                 "goals": [{"name": "4 events", "target": 4, "metric": "events"},
                           {"name": "10 participants", "target": 10, "metric": "participants"},
                           {"name": "200 conversations", "target": 200, "metric": "reported"}]}""");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String campaign = JSON.readTree(published.body()).get("id").asText();
        String uuid = JSON.readTree(published.body()).get("uuid").asText();
        for (Node branch : List.of(stockport, manchester, salford)) {
            until(
                    branch.config().configuredBranchSlug().orElseThrow() + " received the campaign",
                    () -> api(branch, "GET", "/api/v1/campaigns", null).body().contains(campaign));
        }

        for (Node branch : List.of(stockport, manchester)) {
            HttpResponse<String> adopted =
                    api(branch, "POST", "/api/v1/campaigns/adopt", "{\"campaign\": \"" + campaign + "\"}");
            assertThat(adopted.statusCode()).as(adopted.body()).isEqualTo(202);
        }
        String stockportGroup = group(stockport);
        String manchesterGroup = group(manchester);
        until("national counts two adopters", () -> adopters(national, uuid).size() == 2);
        until(
                "bolton has the campaign from stockport's Announce",
                () -> bolton.inspect()
                        .remoteObject(URI.create(campaign))
                        .map(o -> o.type().equals("Campaign"))
                        .orElse(false));
        assertThat(bolton.inspect().signedCopy(URI.create(campaign)))
                .as("taken on national's proof, not fetched from national")
                .hasValueSatisfying(
                        copy -> assertThat(copy).contains("\"proof\"").contains("Warm Homes"));
        assertThat(adopters(national, uuid)).containsExactlyInAnyOrder(stockportGroup, manchesterGroup);

        // Each adopter runs two linked events; RSVPs: 2 + 1 at Stockport, 1 + 0 at Manchester.
        List<String> events = new ArrayList<>();
        events.addAll(linkedEvents(stockport, campaign, 2, 1));
        events.addAll(linkedEvents(manchester, campaign, 1, 0));
        until("national counts four events and four participants", () -> {
            JsonNode s = standing(national, uuid);
            return s.get("events").size() == 4 && s.get("participants").asInt() == 4;
        });
        JsonNode standing = standing(national, uuid);
        assertThat(texts(standing.get("events"))).containsExactlyInAnyOrderElementsOf(events);
        assertThat(standing.get("goals").get(0).get("progress").asInt())
                .as("4 events of 4")
                .isEqualTo(4);
        assertThat(standing.get("goals").get(1).get("progress").asInt())
                .as("4 participants of 10")
                .isEqualTo(4);

        // Conversations are reported by the branches, in signed Adds; only adopters count.
        report(stockport, campaign, 50);
        report(manchester, campaign, 120);
        assertThat(api(
                                salford,
                                "POST",
                                "/api/v1/campaigns/report",
                                "{\"campaign\": \"" + campaign
                                        + "\", \"goal\": \"200 conversations\", \"amount\": 999}")
                        .statusCode())
                .as("salford has not adopted it")
                .isEqualTo(422);
        until(
                "national adds up the reports",
                () -> standing(national, uuid)
                                .get("goals")
                                .get(2)
                                .get("progress")
                                .asInt()
                        == 170);

        // Forgeries. A Person's Join is no adoption.
        peer = new FakePeer();
        SigningKey mallory = peer.actor("mallory");
        SigningKey rogue = peer.groupActor("rogue");
        URI inbox = URI.create("http://localhost:" + national.port() + "/inbox");
        String personJoin = peer.origin() + "/activities/join-1";
        assertThat(send(
                                mallory,
                                inbox,
                                EventFederationIT.join(personJoin, peer.actorId("mallory"), URI.create(campaign)))
                        .statusCode())
                .isEqualTo(202);
        until(
                "the Person's Join is handled",
                () -> national.inspect().inboxOutcome(personJoin).isPresent());
        assertThat(national.inspect().inboxOutcome(personJoin).orElseThrow())
                .startsWith("refused:")
                .contains("Group");

        // A Group's Join counts once: replaying it, or joining again under a new id, changes nothing.
        String groupJoin = EventFederationIT.join(
                peer.origin() + "/activities/join-2", peer.actorId("rogue"), URI.create(campaign));
        assertThat(send(rogue, inbox, groupJoin).statusCode()).isEqualTo(202);
        until(
                "rogue's Join is handled",
                () -> national.inspect()
                        .inboxOutcome(peer.origin() + "/activities/join-2")
                        .isPresent());
        assertThat(adopters(national, uuid)).hasSize(3);
        assertThat(send(rogue, inbox, groupJoin).statusCode())
                .as("a replay is accepted once and ignored")
                .isEqualTo(202);
        String again = peer.origin() + "/activities/join-3";
        send(rogue, inbox, EventFederationIT.join(again, peer.actorId("rogue"), URI.create(campaign)));
        until(
                "the second Join is handled",
                () -> national.inspect().inboxOutcome(again).isPresent());
        assertThat(national.inspect().inboxOutcome(again).orElseThrow()).startsWith("ignored:");
        assertThat(adopters(national, uuid)).hasSize(3);
        String leave = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + peer.origin()
                + "/activities/leave-1\",\"type\":\"Leave\",\"actor\":\"" + peer.actorId("rogue") + "\",\"object\":\""
                + campaign
                + "\"}";
        send(rogue, inbox, leave);
        until("rogue left", () -> adopters(national, uuid).size() == 2);

        // A linked event forged in Manchester's name by another origin is fetched from Manchester
        // (which has no such event), and one of rogue's own counts for nothing: rogue is no adopter.
        String forgedId = "http://localhost:" + manchester.port() + "/events/00000000-0000-4000-8000-000000000000";
        String forged = createEvent(
                peer.origin() + "/activities/create-1",
                peer.actorId("rogue").toString(),
                forgedId,
                manchesterGroup,
                campaign);
        send(rogue, inbox, forged);
        until(
                "the forged event is handled",
                () -> national.inspect()
                        .inboxOutcome(peer.origin() + "/activities/create-1")
                        .isPresent());
        assertThat(national.inspect()
                        .inboxOutcome(peer.origin() + "/activities/create-1")
                        .orElseThrow())
                .startsWith("refused:")
                .contains("answered 404");
        String own = createEvent(
                peer.origin() + "/activities/create-2",
                peer.actorId("rogue").toString(),
                peer.origin() + "/objects/rogue-event",
                peer.actorId("rogue").toString(),
                campaign);
        send(rogue, inbox, own);
        until(
                "rogue's own event is handled",
                () -> national.inspect()
                        .inboxOutcome(peer.origin() + "/activities/create-2")
                        .isPresent());
        assertThat(national.inspect()
                        .inboxOutcome(peer.origin() + "/activities/create-2")
                        .orElseThrow())
                .startsWith("refused:");
        assertThat(standing(national, uuid).get("events")).hasSize(4);
        assertThat(standing(national, uuid).get("participants").asInt()).isEqualTo(4);

        // Stockport withdraws: it drops out, and its events with it.
        HttpResponse<String> withdrawn =
                api(stockport, "POST", "/api/v1/campaigns/withdraw", "{\"campaign\": \"" + campaign + "\"}");
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(202);
        until("stockport dropped out", () -> adopters(national, uuid).size() == 1);
        JsonNode after = standing(national, uuid);
        assertThat(texts(after.get("adopters"))).containsExactly(manchesterGroup);
        assertThat(after.get("events")).hasSize(2);
        assertThat(after.get("participants").asInt()).isEqualTo(1);
        assertThat(after.get("goals").get(0).get("progress").asInt()).isEqualTo(2);
        assertThat(after.get("goals").get(2).get("progress").asInt())
                .as("only Manchester's report still counts")
                .isEqualTo(120);

        // The national organiser's dashboard and the campaign page show the same, server-rendered.
        Browser organiser = signedInAdmin(national);
        String dashboard = organiser.get("/campaigns").body();
        assertThat(dashboard)
                .contains("Warm Homes")
                .contains("<svg")
                .contains("manchester@localhost:" + manchester.port())
                .contains("Street stall 1");
        org.jsoup.nodes.Document page =
                org.jsoup.Jsoup.parse(organiser.get("/campaigns/" + uuid).body());
        assertThat(page.select("h1").text()).isEqualTo("Warm Homes");
        assertThat(page.text()).contains("4 events: 2 of 4").contains("200 conversations: 120 of 200");
        // A branch's view: the brief from national, its own events for it, and withdraw.
        Browser branchOrganiser = signedInAdmin(manchester);
        String network = branchOrganiser
                .get("/campaigns/network?id="
                        + java.net.URLEncoder.encode(campaign, java.nio.charset.StandardCharsets.UTF_8))
                .body();
        assertThat(network)
                .contains("This branch has adopted this campaign")
                .contains("<strong>neighbours</strong>")
                .contains("Street stall 2");
    }

    private static Browser signedInAdmin(Node node) {
        String slug = node.config().configuredBranchSlug().orElseThrow();
        Admin organiser = new Admin("Organiser", "organiser@" + slug + ".test", Fixtures.PASSWORD);
        Fixtures.setUpBranch(node, organiser);
        return Browser.signedIn(node, organiser);
    }

    private Node start(String slug) {
        Map<String, String> env = new HashMap<>(TestNodes.federatingEnvironment(slug));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.2");
        Node node = TestNodes.start(dir.resolve(slug), env);
        nodes.put(slug, node);
        return node;
    }

    /** Creates events linked to the campaign with these numbers of RSVPs; returns their ids. */
    private static List<String> linkedEvents(Node branch, String campaign, int... rsvps) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < rsvps.length; i++) {
            HttpResponse<String> created =
                    api(branch, "POST", "/api/v1/events", """
                    {"name": "Street stall %d", "content": "Warm Homes stall.", "startTime": "2027-02-0%dT10:00",
                     "endTime": "2027-02-0%dT12:00", "timezone": "Europe/London", "location": {"name": "Market"},
                     "category": "canvassing", "campaign": "%s"}""".formatted(i + 1, i + 1, i + 1, campaign));
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            JsonNode event = JSON.readTree(created.body());
            ids.add(event.get("id").asText());
            for (int r = 0; r < rsvps[i]; r++) {
                String slug = branch.config().configuredBranchSlug().orElseThrow();
                HttpResponse<String> member = api(branch, "POST", "/api/v1/members", """
                        {"name": "Member %d %d", "email": "m%d-%d-%s@example.org", "postcode": "SK1 1AA"}""".formatted(i, r, i, r, slug));
                assertThat(member.statusCode()).as(member.body()).isEqualTo(201);
                long memberId = JSON.readTree(member.body()).get("id").asLong();
                HttpResponse<String> rsvp = api(
                        branch,
                        "POST",
                        "/api/v1/events/" + event.get("uuid").asText() + "/rsvps",
                        "{\"member\": " + memberId + "}");
                assertThat(rsvp.statusCode()).as(rsvp.body()).isEqualTo(201);
            }
        }
        return ids;
    }

    private static void report(Node branch, String campaign, int amount) {
        HttpResponse<String> res = api(
                branch,
                "POST",
                "/api/v1/campaigns/report",
                "{\"campaign\": \"" + campaign + "\", \"goal\": \"200 conversations\", \"amount\": " + amount + "}");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    }

    private static String createEvent(String activityId, String actor, String eventId, String author, String campaign) {
        return "{\"@context\":[\"https://www.w3.org/ns/activitystreams\",{\"mz\":\"https://joinmobilizon.org/ns#\","
                + "\"participantCount\":\"mz:participantCount\"}],\"id\":\"" + activityId
                + "\",\"type\":\"Create\",\"actor\":\""
                + actor + "\",\"object\":{\"id\":\"" + eventId + "\",\"type\":\"Event\",\"name\":\"Forged stall\","
                + "\"attributedTo\":\"" + author + "\",\"startTime\":\"2027-02-10T10:00:00Z\",\"participantCount\":500,"
                + "\"context\":\"" + campaign + "\"}}";
    }

    private static String group(Node branch) {
        return "http://localhost:" + branch.port() + "/groups/"
                + branch.config().configuredBranchSlug().orElseThrow();
    }

    private static JsonNode standing(Node national, String uuid) {
        try {
            return JSON.readTree(
                    api(national, "GET", "/api/v1/campaigns/" + uuid, null).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> adopters(Node national, String uuid) {
        return texts(standing(national, uuid).get("adopters"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
