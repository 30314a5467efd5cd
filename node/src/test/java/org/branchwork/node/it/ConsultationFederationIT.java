package org.branchwork.node.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * Consultations across four real nodes on loopback: national opens an advisory single-choice, a
 * binding approval and a ranked (STV, two seats) consultation; three branches (30 members: 12, 14
 * and 4) take them up (two by their organisers, one by its admin's setting), their members vote on
 * their own nodes, and national adds up the branches' signed tallies: totals, each branch's
 * figures (Leeds, with 4 ballots, counted but not shown), STV rounds exactly right; forged,
 * inflated, older and replayed tallies change nothing; a Mastodon-style vote counts apart; no
 * member's name or address reaches national, and the branches' files after the close hold no
 * ballot.
 */
class ConsultationFederationIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OPTIONS = List.of("Rent", "Buses", "Libraries");

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
    void threeBranchesVoteAtHomeAndNationalCountsTheirSignedTalliesExactly() throws Exception {
        Node national = network.start("national", null);
        Map<String, List<Browser>> members = new LinkedHashMap<>();
        Map<String, Integer> sizes = Map.of("stockport", 12, "manchester", 14, "leeds", 4);
        Map<String, TestMail> mailOf = new HashMap<>();
        for (String slug : List.of("stockport", "manchester", "leeds")) {
            TestMail mail = new TestMail();
            mailOf.put(slug, mail);
            Node branch = network.start(slug, mail);
            HttpResponse<String> followed = TestNodes.api(branch)
                    .post("/api/v1/follows", "{\"target\": \"@national@localhost:" + national.port() + "\"}");
            assertThat(followed.statusCode()).as(followed.body()).isEqualTo(202);
        }
        for (String slug : List.of("stockport", "manchester", "leeds")) {
            Node branch = network.node(slug);
            until(
                    slug + "'s follow of national is accepted",
                    () -> TestNodes.api(branch).get("/api/v1/follows").body().contains("\"state\":\"accepted\""));
        }
        // Leeds's admin takes up national's consultations as they arrive.
        HttpResponse<String> auto = TestNodes.api(network.node("leeds"))
                .post("/api/v1/consultations/auto-take-up", ApiClient.object("node", BranchNetwork.group(national)));
        assertThat(auto.statusCode()).as(auto.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (String slug : List.of("stockport", "manchester", "leeds")) {
            List<Browser> list = new ArrayList<>();
            for (int i = 0; i < sizes.get(slug); i++) {
                String name = "Voter" + slug + i + " Member";
                names.add(name);
                list.add(BranchNetwork.joined(
                        network.node(slug), mailOf.get(slug), name, "voter" + i + "@" + slug + ".members.example"));
            }
            members.put(slug, list);
        }
        Thread.sleep(5); // the cut-off is the opening: everyone joined strictly before it

        ApiClient nationalApi = TestNodes.api(national);
        String single = create(nationalApi, "single", "advisory", "");
        String approval = create(nationalApi, "approval", "binding", ",\"maxChoices\":2");
        String ranked = create(nationalApi, "ranked", "binding", ",\"seats\":2");
        List<String> all = List.of(single, approval, ranked);

        // The organisers of Stockport (on the page) and Manchester (the API) see them waiting and take
        // them up; Leeds's came taken up.
        Browser organiser = BranchNetwork.signedInAdmin(network.node("stockport"));
        until(
                "stockport's page lists the three",
                () -> org.jsoup.Jsoup.parse(
                                        organiser.get("/organise/consultations").body())
                                .select("#received-consultations button")
                                .size()
                        == 3);
        for (String k : all) {
            organiser.get("/organise/consultations");
            assertThat(organiser
                            .post("/organise/consultations/take-up", Map.of("consultation", k))
                            .statusCode())
                    .isEqualTo(303);
        }
        assertThat(org.jsoup.Jsoup.parse(
                                organiser.get("/organise/consultations").body())
                        .select("#received-consultations button"))
                .isEmpty();
        for (String slug : List.of("manchester")) {
            ApiClient api = TestNodes.api(network.node(slug));
            until(slug + " has the three consultations", () -> received(api).size() == 3);
            assertThat(received(api)).allMatch(k -> !k.get("takenUp").asBoolean());
            for (String k : all) {
                HttpResponse<String> taken =
                        api.post("/api/v1/consultations/take-up", ApiClient.object("consultation", k));
                assertThat(taken.statusCode()).as(taken.body()).isEqualTo(202);
            }
        }
        until(
                "leeds has them taken up",
                () -> received(TestNodes.api(network.node("leeds"))).size() == 3
                        && received(TestNodes.api(network.node("leeds"))).stream()
                                .allMatch(k -> k.get("takenUp").asBoolean()));
        unfollowedQuestionsAreIgnored(national, single);
        for (String k : all) {
            until(
                    "national hears that three branches take part in " + k,
                    () -> show(national, k).get("branches").size() == 3);
        }

        // Votes on each branch's own node.
        for (int i = 0; i < 12; i++) {
            Browser m = members.get("stockport").get(i);
            vote(m, single, List.of(OPTIONS.get(i % 3)));
            vote(m, approval, i < 6 ? List.of("Rent", "Buses") : List.of("Libraries"));
            vote(m, ranked, i < 8 ? List.of("Rent", "Buses", "Libraries") : List.of("Libraries", "Buses"));
        }
        for (int i = 0; i < 14; i++) {
            Browser m = members.get("manchester").get(i);
            vote(m, single, List.of(i % 2 == 0 ? "Rent" : "Buses"));
            vote(m, approval, List.of("Buses"));
            vote(m, ranked, i < 10 ? List.of("Buses", "Rent") : List.of("Libraries", "Rent"));
        }
        for (Browser m : members.get("leeds")) {
            vote(m, single, List.of("Libraries"));
            vote(m, approval, List.of("Rent", "Libraries"));
            vote(m, ranked, List.of("Rent", "Libraries"));
        }

        // Advisory: the tallies arrive while it is open.
        until(
                "national's advisory totals",
                () -> show(national, single).get("ballots").asInt() == 30);
        JsonNode live = show(national, single);
        assertThat(totals(live)).isEqualTo(Map.of("Rent", 11L, "Buses", 11L, "Libraries", 8L));
        assertThat(live.get("electorate").asInt()).isEqualTo(30);
        Map<String, JsonNode> byBranch = branches(live);
        assertThat(byBranch.get(BranchNetwork.group(network.node("stockport")))
                        .get("ballots")
                        .asInt())
                .isEqualTo(12);
        assertThat(byBranch.get(BranchNetwork.group(network.node("stockport"))).has("totals"))
                .as("hidden too: the total minus Manchester and Stockport would be Leeds's 4 ballots")
                .isFalse();
        assertThat(byBranch.get(BranchNetwork.group(network.node("stockport")))
                        .get("suppressed")
                        .asBoolean())
                .isTrue();
        assertThat(totals(byBranch.get(BranchNetwork.group(network.node("manchester")))))
                .isEqualTo(Map.of("Rent", 7L, "Buses", 7L, "Libraries", 0L));
        JsonNode leeds = byBranch.get(BranchNetwork.group(network.node("leeds")));
        assertThat(leeds.get("ballots").asInt()).isEqualTo(4);
        assertThat(leeds.get("electorate").asInt()).isEqualTo(4);
        assertThat(leeds.has("totals"))
                .as("fewer than 5 ballots: counted, not shown")
                .isFalse();
        assertThat(byBranch.values()).noneMatch(b -> b.get("final").asBoolean());
        // Binding: national knows nothing of the count while open.
        JsonNode hidden = show(national, approval);
        assertThat(hidden.get("totals").size()).isZero();
        assertThat(ApiClient.json(TestNodes.get(national, path(approval) + "/tallies.json"))
                        .get("tallies")
                        .size())
                .isZero();

        // A Mastodon user's vote: a Note named for an option, replying to the Question.
        FakePeer peer = network.peer();
        SigningKey alice = peer.actor("alice");
        String vote = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + peer.actorId("alice")
                + "#votes/1/activity\",\"type\":\"Create\",\"actor\":\"" + peer.actorId("alice") + "\",\"to\":\""
                + BranchNetwork.group(national) + "\",\"object\":{\"id\":\"" + peer.actorId("alice")
                + "#votes/1\",\"type\":\"Note\","
                + "\"name\":\"Libraries\",\"attributedTo\":\"" + peer.actorId("alice") + "\",\"inReplyTo\":\"" + single
                + "\",\"to\":\"" + BranchNetwork.group(national) + "\"}}";
        assertThat(post(alice, national, vote).statusCode()).isEqualTo(202);
        until(
                "the public vote is counted",
                () -> show(national, single).get("publicVotes").get("Libraries").asInt() == 1);
        assertThat(totals(show(national, single))).as("apart from the members'").containsEntry("Libraries", 8L);

        // Forgeries on the advisory consultation change nothing.
        forgeries(national, peer, single);
        JsonNode after = show(national, single);
        assertThat(totals(after)).isEqualTo(Map.of("Rent", 11L, "Buses", 11L, "Libraries", 8L));
        assertThat(after.get("ballots").asInt()).isEqualTo(30);

        // The close: national's Update closes the branches' copies; each sends its final tally.
        for (String k : all) {
            HttpResponse<String> closed = nationalApi.post("/api/v1/consultations/" + uuid(k) + "/close", "{}");
            assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        }
        for (String k : List.of(approval, ranked)) {
            until(
                    "national has the final tallies of " + k,
                    () -> show(national, k).get("ballots").asInt() == 30);
        }
        JsonNode approved = show(national, approval);
        assertThat(branches(approved).values())
                .as("each branch's closing tally")
                .allMatch(b -> b.get("final").asBoolean());
        assertThat(totals(approved)).isEqualTo(Map.of("Rent", 10L, "Buses", 20L, "Libraries", 10L));
        assertThat(totals(branches(approved).get(BranchNetwork.group(network.node("manchester")))))
                .containsEntry("Buses", 14L);
        assertThat(branches(approved)
                        .get(BranchNetwork.group(network.node("leeds")))
                        .has("totals"))
                .isFalse();

        JsonNode stv = show(national, ranked);
        assertThat(stv.get("quota").asInt()).isEqualTo(11);
        assertThat(stv.get("winners").toString()).isEqualTo("[\"Rent\",\"Buses\"]");
        JsonNode rounds = stv.get("rounds");
        assertThat(rounds.get(0).get("votes").get("Rent").asText()).isEqualTo("12.00000");
        assertThat(rounds.get(0).get("votes").get("Buses").asText()).isEqualTo("10.00000");
        assertThat(rounds.get(0).get("votes").get("Libraries").asText()).isEqualTo("8.00000");
        // Rent's surplus of 1 over 12 papers: transfer value 0.08333 (truncated to five places),
        // 8 papers on to Buses (0.66664), 4 to Libraries (0.33332).
        assertThat(rounds.get(1).get("action").asText()).isEqualTo("surplus");
        assertThat(rounds.get(1).get("candidate").asText()).isEqualTo("Rent");
        assertThat(rounds.get(1).get("votes").get("Buses").asText()).isEqualTo("10.66664");
        assertThat(rounds.get(1).get("votes").get("Libraries").asText()).isEqualTo("8.33332");
        assertThat(rounds.get(2).get("action").asText()).isEqualTo("exclusion");
        assertThat(rounds.get(2).get("candidate").asText()).isEqualTo("Libraries");
        assertThat(rounds.get(2).get("votes").get("Buses").asText()).isEqualTo("14.66664");

        // National's organisers read the same figures on the results page and in its CSV.
        ownersPage(
                BranchNetwork.signedInAdmin(national),
                single,
                ranked,
                stv.get("rounds").size());

        // Anyone can re-count from the published signed tallies.
        String document =
                TestNodes.get(national, path(ranked) + "/tallies.json").body();
        assertThat(ApiClient.json(TestNodes.get(national, path(ranked) + "/tallies.json"))
                        .get("tallies")
                        .size())
                .isEqualTo(3);
        org.branchwork.node.Recount.Result recount = org.branchwork.node.Recount.recount(
                JSON.readTree(document), org.branchwork.node.Recount.fetchingKeys(true));
        assertThat(recount.ballots()).isEqualTo(30);
        assertThat(recount.refused()).isEmpty();
        assertThat(recount.result().winners()).containsExactly(0, 1);

        // The Question as Mastodon reads it.
        HttpResponse<String> question =
                TestNodes.send(HttpRequest.newBuilder(URI.create(single.replace("localhost", "127.0.0.1")))
                        .header("Accept", "application/activity+json")
                        .GET()
                        .build());
        JsonNode q = JSON.readTree(question.body());
        assertThat(q.get("type").asText()).isEqualTo("Question");
        assertThat(q.get("oneOf")).hasSize(3);
        assertThat(q.get("oneOf").get(0).get("type").asText()).isEqualTo("Note");
        assertThat(q.has("closed")).isTrue();
        assertThat(q.get("bw:method").asText()).isEqualTo("single");
        assertThat(q.has("proof")).isTrue();

        // Nothing federated names a member; the branches' files hold no ballot after the close.
        for (Node n : network.nodes()) {
            TestNodes.awaitQuiescent(n);
        }
        for (Node n : network.nodes()) {
            n.close();
        }
        String nationalFiles = text(national.config().dataDir());
        for (String name : names) {
            assertThat(nationalFiles).doesNotContain(name);
        }
        assertThat(nationalFiles).doesNotContain("members.example");
        for (String slug : List.of("stockport", "manchester", "leeds")) {
            String files = text(network.node(slug).config().dataDir());
            assertThat(files).as(slug).doesNotContain("INSERT INTO CONSULTATION_BALLOT");
            assertThat(files).as(slug).contains("INSERT INTO CONSULTATION_ELECTOR");
        }
    }

    /**
     * A Question from a Group that Leeds does not follow (Leeds takes up national's automatically,
     * and has a member roll waiting) arrives signed and well-formed, and is not kept: no one can
     * put a consultation in front of a branch's members but a node the branch chose to follow.
     */
    private void unfollowedQuestionsAreIgnored(Node national, String single) throws Exception {
        FakePeer stranger = network.peer();
        SigningKey group = stranger.groupActor("stranger");
        String actor = stranger.actorId("stranger").toString();
        Node leeds = network.node("leeds");
        // National's own Question, word for word, as the stranger's: only who sent it differs.
        ObjectNode object = (ObjectNode) JSON.readTree(
                TestNodes.send(HttpRequest.newBuilder(URI.create(single.replace("localhost", "127.0.0.1")))
                                .header("Accept", "application/activity+json")
                                .GET()
                                .build())
                        .body());
        object.remove("proof");
        String copied = JSON.writeValueAsString(object)
                .replace(single, actor + "/questions/1")
                .replace(BranchNetwork.group(national), actor)
                .replace("\"What next?\"", "\"Dissolve the branch?\"");
        String question = "{\"@context\":\"https://www.w3.org/ns/activitystreams\","
                + "\"id\":\"" + actor + "/questions/1/activity\",\"type\":\"Create\",\"actor\":\"" + actor
                + "\",\"to\":\"" + BranchNetwork.group(leeds) + "\",\"object\":" + copied + "}";
        HttpResponse<String> posted = post(group, leeds, question);
        assertThat(posted.statusCode()).as(posted.body()).isIn(202, 403);
        TestNodes.awaitQuiescent(leeds);
        assertThat(leeds.inspect().inboxOutcome(actor + "/questions/1/activity"))
                .hasValueSatisfying(o -> assertThat(o).contains("not from an actor the branch follows"));
        assertThat(received(TestNodes.api(leeds)))
                .as("only national's three")
                .hasSize(3)
                .noneMatch(k -> k.toString().contains("Dissolve"));
    }

    /**
     * The owner's page: the network's ballots and STV stages, a row per branch with Leeds's own
     * result withheld under 5 ballots, the public vote apart; the CSV carries the branch rows.
     */
    private void ownersPage(Browser organiser, String single, String ranked, int stages) throws IOException {
        org.jsoup.nodes.Document page =
                org.jsoup.Jsoup.parse(organiser.get(path(ranked)).body());
        assertThat(page.select("#ballots").text()).startsWith("30 (100.0% turnout)");
        assertThat(page.select("#electorate").text()).startsWith("30 ");
        assertThat(page.select("#outcome").text()).isEqualTo("Elected: Rent, Buses.");
        assertThat(page.select("#completeness").text()).isEqualTo("Final: every branch's closing tally is in.");
        assertThat(page.select("#rounds tbody tr")).hasSize(stages);
        Map<String, String> rows = new HashMap<>();
        for (org.jsoup.nodes.Element row : page.select("#branches tbody tr")) {
            rows.put(row.select("th").text(), row.select("td").eachText().toString());
        }
        assertThat(rows)
                .containsEntry(
                        "localhost (stockport)",
                        "[12, 12, 100.0%, Not shown: with it, a smaller branch's result could be worked out from the"
                                + " total (counted in the total), Final]")
                .containsEntry("localhost (manchester)", "[14, 14, 100.0%, Rent 0, Buses 10, Libraries 4, Final]")
                .containsEntry(
                        "localhost (leeds)",
                        "[4, 4, 100.0%, Not shown: fewer than 5 ballots (counted in the total), Final]")
                .hasSize(3);
        assertThat(page.select("#branches a").eachAttr("href"))
                .contains(BranchNetwork.group(network.node("stockport")));
        assertThat(page.select("#public-votes"))
                .as("no fediverse vote on this one")
                .isEmpty();

        org.jsoup.nodes.Document advisory =
                org.jsoup.Jsoup.parse(organiser.get(path(single)).body());
        assertThat(advisory.select("#public-votes tbody tr").eachText()).containsExactly("Libraries 1 100.0%");
        assertThat(advisory.select("#totals tbody tr").eachText())
                .containsExactly("Rent 11 36.7%", "Buses 11 36.7%", "Libraries 8 26.7%");

        String csv = organiser.get(path(ranked) + "/results.csv").body();
        assertThat(csv)
                .contains("total,Rent,12")
                .contains("branch " + BranchNetwork.group(network.node("manchester")) + ",Buses,10")
                .contains("branch " + BranchNetwork.group(network.node("leeds")) + ",(ballots),4")
                .doesNotContain("branch " + BranchNetwork.group(network.node("leeds")) + ",Rent");
    }

    /** A rogue Group that follows national and takes part; its own and copied tallies, each refused. */
    private void forgeries(Node national, FakePeer peer, String question) throws Exception {
        SigningKey rogue = peer.groupActor("rogue");
        SigningKey rogueProof = peer.proofKey("rogue");
        URI inbox = URI.create(national.origin().uri() + "/inbox");
        FakePeer.follow(
                rogue, inbox, URI.create(BranchNetwork.group(national)), peer.origin() + "/activities/follow-1");
        until("national has the rogue as a follower", () -> national.inspect().followerCount() == 4);
        String join = "{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + peer.origin()
                + "/activities/join-1\",\"type\":\"Join\",\"actor\":\"" + peer.actorId("rogue") + "\",\"object\":\""
                + question + "\"}";
        assertThat(post(rogue, national, join).statusCode()).isEqualTo(202);
        until(
                "the rogue takes part",
                () -> show(national, question).get("branches").size() == 4);

        // Its own tally with no ballots is taken: it changes no total.
        int fetches = peer.actorFetches();
        assertThat(post(rogue, national, tally(peer, rogueProof, question, "t5", 5, 3, 0))
                        .statusCode())
                .isEqualTo(202);
        until(
                "the rogue's tally",
                () -> outcome(national, peer.origin() + "/activities/t5").startsWith("tally 5 from"));
        // Inflated, older, replayed with a new id, and the same activity again: refused or deduplicated.
        assertThat(post(rogue, national, tally(peer, rogueProof, question, "t6", 6, 3, 9))
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(rogue, national, tally(peer, rogueProof, question, "t4", 4, 3, 2))
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(rogue, national, tally(peer, rogueProof, question, "t5b", 5, 3, 1))
                        .statusCode())
                .isEqualTo(202);
        assertThat(post(rogue, national, tally(peer, rogueProof, question, "t5", 5, 3, 0))
                        .statusCode())
                .isEqualTo(202);
        until(
                "the inflated tally is refused",
                () -> outcome(national, peer.origin() + "/activities/t6").contains("electorate of 3"));
        until(
                "the older tally is refused",
                () -> outcome(national, peer.origin() + "/activities/t4").contains("not newer"));
        until(
                "the replay is refused",
                () -> outcome(national, peer.origin() + "/activities/t5b").contains("not newer"));
        assertThat(peer.actorFetches() - fetches)
                .as("the rogue's proof key is fetched for its first tally, then taken from the cache")
                .isLessThanOrEqualTo(1);

        // Stockport's own signed tally, passed on by the rogue: it is not the rogue's, so it proves nothing.
        JsonNode doc = ApiClient.json(TestNodes.get(national, path(question) + "/tallies.json"));
        JsonNode stockports = null;
        for (JsonNode t : doc.get("tallies")) {
            if (t.get("attributedTo").asText().equals(BranchNetwork.group(network.node("stockport")))) {
                stockports = t;
            }
        }
        assertThat(stockports).isNotNull();
        ObjectNode copied = JSON.createObjectNode();
        copied.put("@context", "https://www.w3.org/ns/activitystreams")
                .put("id", peer.origin() + "/activities/copy-1")
                .put("type", "Add")
                .put("actor", peer.actorId("rogue").toString())
                .put("target", question);
        ObjectNode inflated = stockports.deepCopy();
        copied.set("object", inflated);
        assertThat(post(rogue, national, JSON.writeValueAsString(copied)).statusCode())
                .isEqualTo(202);
        until(
                "the copied tally is refused",
                () -> outcome(national, peer.origin() + "/activities/copy-1").contains("not proved"));
        // Signed over HTTP by the rogue as if it were Stockport: the inbox refuses it outright.
        String asStockport = JSON.writeValueAsString(copied.put("actor", BranchNetwork.group(network.node("stockport")))
                .put(
                        "id",
                        BranchNetwork.group(network.node("stockport")).replace("/groups/stockport", "")
                                + "/activities/forged"));
        assertThat(post(rogue, national, asStockport).statusCode()).isEqualTo(401);
    }

    private static String tally(
            FakePeer peer, SigningKey key, String question, String name, long sequence, long electorate, long ballots) {
        ObjectNode t = JSON.createObjectNode();
        t.put("id", peer.origin() + "/tallies/" + name)
                .put("type", "bw:Tally")
                .put("attributedTo", peer.actorId("rogue").toString())
                .put("bw:consultation", question)
                .put("bw:electorate", electorate)
                .put("bw:ballots", ballots);
        var counts = t.putArray("bw:counts");
        if (ballots > 0) {
            counts.addObject().put("bw:ballots", ballots).putArray("bw:ranking").add("Rent");
        }
        t.put("bw:receiptsHash", "0".repeat(64))
                .put("bw:sequence", sequence)
                .put("bw:final", false)
                .put("updated", Instant.now().toString());
        ObjectNode signed = DataIntegrityProofs.sign(t, key, Instant.now());
        ObjectNode add = JSON.createObjectNode();
        add.putArray("@context")
                .add("https://www.w3.org/ns/activitystreams")
                .addObject()
                .put("bw", "https://w3id.org/branchwork#");
        add.put("id", peer.origin() + "/activities/" + name)
                .put("type", "Add")
                .put("actor", peer.actorId("rogue").toString())
                .put("target", question);
        add.set("object", signed);
        return add.toString();
    }

    private static String outcome(Node node, String activity) {
        return node.inspect().inboxOutcome(activity).orElse("");
    }

    private static HttpResponse<String> post(SigningKey key, Node node, String body) {
        return FakePeer.signedPost(
                key, URI.create(node.origin().uri() + "/inbox"), body.getBytes(StandardCharsets.UTF_8));
    }

    private static String create(ApiClient api, String method, String kind, String extra) {
        HttpResponse<String> r = api.post(
                "/api/v1/consultations",
                "{\"title\":\"What next?\",\"content\":\"Choose **well**.\",\"options\":[\"Rent\",\"Buses\",\"Libraries\"],"
                        + "\"method\":\"" + method + "\",\"kind\":\"" + kind + "\",\"closesAt\":\""
                        + Instant.now().plusSeconds(3 * 86400) + "\"" + extra + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("id").asText();
    }

    private static void vote(Browser who, String question, List<String> choices) throws IOException {
        String body = "{\"consultation\":\"" + question + "\",\"choices\":" + JSON.writeValueAsString(choices) + "}";
        HttpResponse<String> r = who.send(HttpRequest.newBuilder(who.uri("/api/v1/consultations/ballot"))
                .header("Origin", who.uri("/").toString().replaceAll("/$", "").replace("127.0.0.1", "localhost"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private static List<JsonNode> received(ApiClient api) {
        List<JsonNode> out = new ArrayList<>();
        ApiClient.json(api.get("/api/v1/consultations")).get("items").forEach(i -> {
            if (!i.get("own").asBoolean()) {
                out.add(i);
            }
        });
        return out;
    }

    private static JsonNode show(Node national, String id) {
        return ApiClient.json(TestNodes.api(national).get("/api/v1/consultations/" + uuid(id)));
    }

    private static Map<String, JsonNode> branches(JsonNode standing) {
        Map<String, JsonNode> out = new HashMap<>();
        standing.get("branches").forEach(b -> out.put(b.path("actor").asText(), b));
        return out;
    }

    private static Map<String, Long> totals(JsonNode o) {
        Map<String, Long> out = new HashMap<>();
        o.get("totals")
                .properties()
                .forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private static String uuid(String id) {
        return id.substring(id.lastIndexOf('/') + 1);
    }

    private static String path(String id) {
        return "/consultations/" + uuid(id);
    }

    private static String text(Path dataDir) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                out.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                        .append('\n');
            }
        }
        return out.toString();
    }
}
