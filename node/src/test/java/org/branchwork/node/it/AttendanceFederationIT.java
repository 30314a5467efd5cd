package org.branchwork.node.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestClock;
import org.branchwork.node.TestNodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.it.EventFederationIT.api;
import static org.branchwork.node.testing.Await.until;

/**
 * National and a branch on loopback, on one clock the test moves: national publishes a campaign
 * with an {@code attended} goal, Stockport adopts it and runs a linked event with eight RSVPs; at
 * the door two organisers' API clients tick at once, different people and the same ones, and each
 * adds the same walk-in; once the event is over Stockport sends {@code bw:attendedCount} and
 * national's campaign shows the RSVPs and the attendance side by side, the goal counting the
 * attendance. No names travel.
 */
class AttendanceFederationIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestClock clock = TestClock.startingNow();
    private final List<Node> nodes = new ArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        nodes.forEach(Node::close);
    }

    @Test
    void twoOrganisersCheckInAtOnceAndTheAttendedCountReachesTheCampaignGoal() throws Exception {
        Node national = start("national");
        Node stockport = start("stockport");
        HttpResponse<String> followed = api(
                stockport, "POST", "/api/v1/follows", "{\"target\": \"@national@localhost:" + national.port() + "\"}");
        assertThat(followed.statusCode()).as(followed.body()).isEqualTo(202);
        until("national has stockport as follower", () -> national.inspect().followerCount() == 1);

        HttpResponse<String> published = api(national, "POST", "/api/v1/campaigns", """
                {"title": "Warm Homes", "summary": "Insulate every home.", "content": "Knock on doors.",
                 "startDate": "2027-01-01", "endDate": "2027-03-31",
                 "goals": [{"name": "8 RSVPs", "target": 8, "metric": "participants"},
                           {"name": "20 people there", "target": 20, "metric": "attended"}]}""");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String campaign = JSON.readTree(published.body()).get("id").asText();
        String campaignUuid = JSON.readTree(published.body()).get("uuid").asText();
        until(
                "stockport received the campaign",
                () -> api(stockport, "GET", "/api/v1/campaigns", null).body().contains(campaign));
        HttpResponse<String> adopted =
                api(stockport, "POST", "/api/v1/campaigns/adopt", "{\"campaign\": \"" + campaign + "\"}");
        assertThat(adopted.statusCode()).as(adopted.body()).isEqualTo(202);
        until(
                "national counts the adoption",
                () -> standing(national, campaignUuid).get("adopters").size() == 1);

        HttpResponse<String> created = api(stockport, "POST", "/api/v1/events", """
                {"name": "Street stall", "content": "Warm Homes stall.", "startTime": "2027-02-06T10:00",
                 "endTime": "2027-02-06T12:00", "timezone": "Europe/London", "location": {"name": "Market"},
                 "category": "canvassing", "campaign": "%s"}""".formatted(campaign));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String event = JSON.readTree(created.body()).get("uuid").asText();
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpResponse<String> member = api(stockport, "POST", "/api/v1/members", """
                    {"name": "Member %d", "email": "m%d@example.org", "postcode": "SK1 1AA"}""".formatted(i, i));
            assertThat(member.statusCode()).as(member.body()).isEqualTo(201);
            long id = JSON.readTree(member.body()).get("id").asLong();
            people.add(id);
            HttpResponse<String> rsvp =
                    api(stockport, "POST", "/api/v1/events/" + event + "/rsvps", "{\"member\": " + id + "}");
            assertThat(rsvp.statusCode()).as(rsvp.body()).isEqualTo(201);
        }
        HttpResponse<String> walker = api(stockport, "POST", "/api/v1/members", """
                {"name": "Wanda Walker", "email": "wanda@example.org", "postcode": "SK1 1AA"}""");
        long wanda = JSON.readTree(walker.body()).get("id").asLong();
        until("national has the event with its eight RSVPs", () -> {
            JsonNode s = standing(national, campaignUuid);
            return s.get("events").size() == 1 && s.get("participants").asInt() == 8;
        });
        assertThat(standing(national, campaignUuid)
                        .get("eventDetails")
                        .get(0)
                        .get("attended")
                        .isNull())
                .as("nothing reported before the event")
                .isTrue();

        // The doors open. One organiser ticks members 0..5, the other 2..7 (four ticked by both);
        // both add Wanda, who had not RSVPed, and a walk-in known by name only.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-02-06T10:05:00Z")));
        Callable<Object> first = () -> {
            for (int i = 0; i <= 5; i++) {
                tick(stockport, event, "{\"member\": " + people.get(i) + ", \"attended\": true}", 200);
            }
            return tick(stockport, event, "{\"member\": " + wanda + ", \"attended\": true}", -1);
        };
        Callable<Object> second = () -> {
            for (int i = 7; i >= 2; i--) {
                tick(stockport, event, "{\"member\": " + people.get(i) + ", \"attended\": true}", 200);
            }
            tick(stockport, event, "{\"walkIn\": {\"name\": \"Pat\"}, \"attended\": true}", 201);
            return tick(stockport, event, "{\"member\": " + wanda + ", \"attended\": true}", -1);
        };
        List<Integer> wandas =
                all(List.of(first, second)).stream().map(o -> (Integer) o).toList();
        assertThat(wandas)
                .as("one adds Wanda as a walk-in, the other finds her row")
                .containsExactlyInAnyOrder(201, 200);
        tick(stockport, event, "{\"member\": " + people.get(0) + "}", 422);
        tick(stockport, event, "{\"member\": 999999, \"attended\": true}", 404);
        tick(stockport, event, "{\"attended\": true}", 422);
        assertThat(api(stockport, "GET", "/api/v1/events/" + event + "/rsvps", null)
                        .body())
                .as("the walk-in known by name alone is on the attendee list by that name")
                .contains("\"name\":\"Pat\",\"kind\":\"walk-in\"");
        // Member 1 was ticked by mistake.
        tick(stockport, event, "{\"member\": " + people.get(1) + ", \"attended\": false}", 200);

        JsonNode during = JSON.readTree(
                api(stockport, "GET", "/api/v1/events/" + event, null).body());
        assertThat(during.get("attendedCount").asInt())
                .as("7 of 8 RSVPs, Wanda and Pat")
                .isEqualTo(9);
        assertThat(during.get("participantCount").asInt()).isEqualTo(10);
        assertThat(standing(national, campaignUuid)
                        .get("eventDetails")
                        .get(0)
                        .get("attended")
                        .isNull())
                .as("the count goes out after the event, not tick by tick")
                .isTrue();

        // The event ends: Stockport's background loop sends the attended count once.
        clock.advance(Duration.between(clock.instant(), Instant.parse("2027-02-06T12:01:00Z")));
        until(
                "national counts the attendance under the attended goal",
                () -> standing(national, campaignUuid)
                                .get("goals")
                                .get(1)
                                .get("progress")
                                .asInt()
                        == 9);
        JsonNode s = standing(national, campaignUuid);
        assertThat(s.get("participants").asInt()).isEqualTo(10);
        assertThat(s.get("attended").asInt()).isEqualTo(9);
        assertThat(s.get("goals").get(0).get("progress").asInt()).isEqualTo(10);
        assertThat(s.get("eventDetails").get(0).get("attended").asInt()).isEqualTo(9);
        String wire = TestNodes.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                JSON.readTree(created.body()).get("id").asText()))
                        .header("Accept", "application/activity+json")
                        .build())
                .body();
        assertThat(JSON.readTree(wire).get("bw:attendedCount").asInt()).isEqualTo(9);
        assertThat(wire).as("no names on the wire").doesNotContain("Wanda", "Pat", "Member 1");

        Browser organiser = BranchNetwork.signedInAdmin(national);
        String page = organiser.get("/campaigns/" + campaignUuid).body();
        assertThat(page).contains("Attended").contains("<td>10</td><td>9</td>");
    }

    /** One tick through the API; {@code expected} -1 takes 200 or 201. Returns the status. */
    private static int tick(Node node, String event, String body, int expected) {
        HttpResponse<String> res = api(node, "POST", "/api/v1/events/" + event + "/attendance", body);
        if (expected == -1) {
            assertThat(res.statusCode()).as(res.body()).isIn(200, 201);
        } else {
            assertThat(res.statusCode()).as(res.body()).isEqualTo(expected);
        }
        return res.statusCode();
    }

    private List<Object> all(List<Callable<Object>> tasks) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> running = new ArrayList<>();
        for (Callable<Object> t : tasks) {
            running.add(pool.submit(() -> {
                go.await();
                return t.call();
            }));
        }
        go.countDown();
        List<Object> out = new ArrayList<>();
        for (Future<Object> f : running) {
            out.add(f.get(120, TimeUnit.SECONDS));
        }
        return out;
    }

    private Node start(String slug) {
        Map<String, String> env = new HashMap<>(TestNodes.federatingEnvironment(slug));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.2");
        Node node = TestNodes.start(dir.resolve(slug), env, clock);
        nodes.add(node);
        return node;
    }

    private static JsonNode standing(Node national, String uuid) {
        try {
            return JSON.readTree(
                    api(national, "GET", "/api/v1/campaigns/" + uuid, null).body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
