package org.branchwork.node.it;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.node.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * National relay on three real nodes over loopback, each branch with its own SMTP server: national
 * publishes a broadcast; Stockport approves national's broadcasts as they arrive, Manchester's
 * organisers approve it through the API with an intro of their own; each member who consented to
 * national's messages gets exactly one mail, the others none; national's broadcast (API and page)
 * shows each branch's status and the totals from their signed reports; and no member's address
 * is anywhere in national's data folder.
 */
class BroadcastRelayIT {

    private static final String SUBJECT = "Day of action on Saturday";

    @TempDir
    Path dir;

    private BranchNetwork network;

    @BeforeEach
    void network() {
        network = new BranchNetwork(dir);
    }

    @AfterEach
    void stop() {
        network.close();
    }

    @Test
    void nationalsBroadcastReachesTheConsentingMembersOfTwoBranchesAndNationalHoldsNoAddress() throws Exception {
        Node national = network.start("national", null);
        TestMail stockportMail = new TestMail();
        TestMail manchesterMail = new TestMail();
        Node stockport = network.start("stockport", stockportMail);
        Node manchester = network.start("manchester", manchesterMail);
        String nationalGroup = BranchNetwork.group(national);
        for (Node branch : List.of(stockport, manchester)) {
            Browser admin = BranchNetwork.signedInAdmin(branch);
            admin.get("/organise/mailings");
            assertThat(admin.post("/organise/mailings/address", Map.of("postalAddress", "1 High Street, Anytown"))
                            .statusCode())
                    .isEqualTo(303);
            HttpResponse<String> followed = TestNodes.api(branch)
                    .post("/api/v1/follows", "{\"target\": \"@national@localhost:" + national.port() + "\"}");
            assertThat(followed.statusCode()).as(followed.body()).isEqualTo(202);
        }
        for (Node branch : List.of(stockport, manchester)) {
            until(
                    BranchNetwork.slug(branch) + "'s follow of national is accepted",
                    () -> TestNodes.api(branch).get("/api/v1/follows").body().contains("\"state\":\"accepted\""));
        }
        assertThat(national.inspect().followerCount()).isEqualTo(2);

        // Members: who agreed to national's messages on the join form, and who did not.
        List<String> addresses = new ArrayList<>();
        join(stockport, stockportMail, "Ann Relay", "ann.relay@members.example", true, addresses);
        join(stockport, stockportMail, "Bob Branchonly", "bob.branchonly@members.example", false, addresses);
        join(manchester, manchesterMail, "Cat Relay", "cat.relay@members.example", true, addresses);
        join(manchester, manchesterMail, "Dan Nothing", "dan.nothing@members.example", false, addresses);
        join(manchester, manchesterMail, "Eve Relay", "eve.relay@members.example", true, addresses);

        // Stockport's admin lets national's broadcasts through as they arrive; one of a node it
        // does not follow is refused.
        ApiClient stockportApi = TestNodes.api(stockport);
        HttpResponse<String> auto =
                stockportApi.post("/api/v1/broadcasts/auto-approve", ApiClient.object("sender", nationalGroup));
        assertThat(auto.statusCode()).as(auto.body()).isEqualTo(200);
        assertThat(stockportApi
                        .post(
                                "/api/v1/broadcasts/auto-approve",
                                ApiClient.object("sender", BranchNetwork.group(manchester)))
                        .statusCode())
                .isEqualTo(422);

        HttpResponse<String> published = TestNodes.api(national)
                .post(
                        "/api/v1/broadcasts",
                        "{\"subject\": \"" + SUBJECT + "\", \"content\": \"Join us in the **town square**.\"}");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String uuid = ApiClient.json(published).get("uuid").asText();

        // Manchester's organisers see it waiting, and approve it with an intro.
        ApiClient manchesterApi = TestNodes.api(manchester);
        until(
                "manchester has the broadcast waiting",
                () -> items(manchesterApi).size() == 1
                        && items(manchesterApi).get(0).get("state").asText().equals("received"));
        JsonNode waiting = items(manchesterApi).get(0);
        assertThat(waiting.get("subject").asText()).isEqualTo(SUBJECT);
        assertThat(waiting.get("sender").asText()).isEqualTo(nationalGroup);
        HttpResponse<String> approved = manchesterApi.post(
                "/api/v1/broadcasts/" + waiting.get("id").asLong() + "/approve",
                "{\"intro\": \"Manchester's own word: bring a friend.\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);
        assertThat(ApiClient.json(approved).get("recipients").asInt()).isEqualTo(2);
        assertThat(manchesterApi
                        .post("/api/v1/broadcasts/" + waiting.get("id").asLong() + "/decline", null)
                        .statusCode())
                .as("decided already")
                .isEqualTo(409);

        until("national has both branches' final reports", () -> {
            JsonNode s = standing(national, uuid);
            return s.get("totals").get("sent").asInt() == 3
                    && s.get("branches").findValuesAsText("state").equals(List.of("sent", "sent"));
        });
        JsonNode standing = standing(national, uuid);
        assertThat(standing.get("branches").findValuesAsText("branch"))
                .containsExactlyInAnyOrder(BranchNetwork.group(stockport), BranchNetwork.group(manchester));
        assertThat(standing.get("totals").get("failed").asInt()).isZero();
        assertThat(standing.get("totals").get("unsubscribed").asInt()).isZero();

        assertThat(relayed(stockportMail, "ann.relay@members.example")).hasSize(1);
        assertThat(relayed(stockportMail, "bob.branchonly@members.example")).isEmpty();
        assertThat(relayed(manchesterMail, "cat.relay@members.example")).hasSize(1);
        assertThat(relayed(manchesterMail, "eve.relay@members.example")).hasSize(1);
        assertThat(relayed(manchesterMail, "dan.nothing@members.example")).isEmpty();
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(
                relayed(manchesterMail, "cat.relay@members.example").get(0));
        assertThat(body).contains("Manchester's own word").contains("town square");
        JsonNode stockportItem = items(stockportApi).get(0);
        assertThat(stockportItem.get("state").asText()).isEqualTo("sent");
        assertThat(stockportItem.get("sent").asInt()).isEqualTo(1);

        // National's page shows the same, server-rendered.
        Browser organiser = BranchNetwork.signedInAdmin(national);
        org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(
                organiser.get("/organise/broadcasts/" + uuid).body());
        assertThat(page.select("h1").text()).isEqualTo(SUBJECT);
        assertThat(page.select("#total-sent").text()).isEqualTo("3");
        assertThat(page.select("#broadcast-branches tbody tr")).hasSize(2);
        assertThat(page.select("#broadcast-branches .relay-state").eachText()).containsOnly("Sent");
        assertThat(page.select("#broadcast-branches td a").eachText())
                .as("named by host and slug, linked to the actor")
                .containsExactlyInAnyOrder("localhost (stockport)", "localhost (manchester)");
        assertThat(organiser.get("/organise/broadcasts").body()).contains(SUBJECT);
        org.jsoup.nodes.Document queue = org.jsoup.Jsoup.parse(BranchNetwork.signedInAdmin(manchester)
                .get("/organise/broadcasts")
                .body());
        assertThat(queue.select("#broadcasts-received tbody tr")).hasSize(1);

        // National's own store holds nobody's address, in any file of its data folder.
        network.stop("national");
        List<String> held = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir.resolve("national"))) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            assertThat(all)
                    .as("national's database files")
                    .anyMatch(f -> f.toString().contains("db"));
            for (Path file : all) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String address : addresses) {
                    if (text.contains(address) || text.contains(address.toUpperCase(java.util.Locale.ROOT))) {
                        held.add(file + ": " + address);
                    }
                }
                assertThat(text).as(file.toString()).doesNotContain("members.example");
            }
        }
        assertThat(held).as("member addresses in national's data folder").isEmpty();
    }

    private static List<MimeMessage> relayed(TestMail mail, String to) {
        return mail.to(to).stream()
                .filter(m -> {
                    try {
                        return SUBJECT.equals(m.getSubject());
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    private static void join(
            Node branch, TestMail mail, String name, String email, boolean national, List<String> addresses)
            throws InterruptedException {
        Browser b = new Browser(branch);
        b.get("/join");
        Map<String, String> form = new HashMap<>(Map.of(
                "name",
                name,
                "email",
                email,
                "postcode",
                "SK1 3XE",
                "phone",
                "",
                "consent",
                "yes",
                "password",
                Fixtures.PASSWORD,
                "passwordConfirmation",
                Fixtures.PASSWORD));
        if (national) {
            form.put("nationalConsent", "yes");
        }
        assertThat(b.post("/join", form).statusCode()).isEqualTo(200);
        String link = mail.awaitLink(email);
        assertThat(b.get(link.substring(link.indexOf("/join"))).statusCode()).isEqualTo(303);
        addresses.add(email);
    }

    private static List<JsonNode> items(ApiClient api) {
        List<JsonNode> out = new ArrayList<>();
        ApiClient.json(api.get("/api/v1/broadcasts")).get("items").forEach(out::add);
        return out;
    }

    static JsonNode standing(Node national, String uuid) {
        return ApiClient.json(TestNodes.api(national).get("/api/v1/broadcasts/" + uuid));
    }
}
