package org.branchwork.node.it;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.node.TestClock;
import org.branchwork.node.TestNodes;
import org.branchwork.node.domain.Receipts;
import org.branchwork.node.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * Consultations on a real node over HTTP: members vote from their sessions (the API and the
 * page), the admin token cannot vote, every refusal stores nothing, results are exact, the close
 * counts and deletes the ballots, and the node's database files then hold no ballot and no row
 * that pairs a member with a choice.
 */
class ConsultationIT {

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private final TestClock clock = TestClock.startingNow();

    @RegisterExtension
    final NodeWithMail nodes = new NodeWithMail(clock);

    private Node node;
    private ApiClient api;
    private final Map<String, Browser> members = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        node = nodes.node();
        api = TestNodes.api(node);
        for (String name : List.of("Ann", "Bob", "Cat")) {
            members.put(name, join(name));
        }
        clock.advance(Duration.ofMinutes(1));
    }

    private Browser join(String name) throws InterruptedException {
        return BranchNetwork.joined(node, nodes.mail(), name + " Voter", name.toLowerCase() + ".voter@example.org");
    }

    private String create(String method, String kind, String extra) {
        HttpResponse<String> r = api.post(
                "/api/v1/consultations",
                "{\"title\":\"What next?\",\"content\":\"Choose **well**.\",\"options\":[\"Rent\",\"Buses\",\"Libraries\"],"
                        + "\"method\":\"" + method + "\",\"kind\":\"" + kind + "\",\"closesAt\":\""
                        + clock.instant().plus(Duration.ofDays(3)) + "\"" + extra + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        JsonNode body = ApiClient.json(r);
        assertThat(body.get("id").asText())
                .isEqualTo(node.origin().uri() + "/consultations/"
                        + body.get("uuid").asText());
        return body.get("id").asText();
    }

    private HttpResponse<String> ballot(Browser who, String consultation, String choices, String receipt) {
        String body = "{\"consultation\":\"" + consultation + "\",\"choices\":" + choices
                + (receipt == null ? "" : ",\"receipt\":\"" + receipt + "\"") + "}";
        return who.send(HttpRequest.newBuilder(who.uri("/api/v1/consultations/ballot"))
                .header("Origin", node.origin().uri().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private JsonNode show(String id) {
        return ApiClient.json(api.get("/api/v1/consultations/" + id.substring(id.lastIndexOf('/') + 1)));
    }

    @Test
    void membersVoteFromTheirSessionsTheTokenCannotAndRefusalsStoreNothing() throws Exception {
        String id = create("single", "advisory", "");
        String uuid = id.substring(id.lastIndexOf('/') + 1);
        JsonNode first = show(id);
        assertThat(first.get("state").asText()).isEqualTo("open");
        assertThat(first.get("electorate").asInt()).as("Ada, Ann, Bob, Cat").isEqualTo(4);

        HttpResponse<String> ann = ballot(members.get("Ann"), id, "[\"Rent\"]", null);
        assertThat(ann.statusCode()).as(ann.body()).isEqualTo(201);
        String annReceipt = ApiClient.json(ann).get("receipt").asText();
        assertThat(Receipts.normalise(annReceipt)).contains(annReceipt);
        assertThat(ballot(members.get("Bob"), uuid, "[\"Buses\"]", null).statusCode())
                .isEqualTo(201);

        // Refusals, each with its reason, none stored.
        HttpResponse<String> token =
                api.post("/api/v1/consultations/ballot", "{\"consultation\":\"" + id + "\",\"choices\":[\"Rent\"]}");
        assertThat(token.statusCode()).isEqualTo(403);
        assertThat(token.body()).contains("members_only");
        HttpResponse<String> again = ballot(members.get("Ann"), id, "[\"Libraries\"]", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("already_voted").contains("one member, one vote");
        assertThat(ballot(members.get("Ann"), id, "[\"Trams\"]", null).statusCode())
                .isEqualTo(422);
        clock.advance(Duration.ofMinutes(1));
        Browser dan = join("Dan");
        HttpResponse<String> late = ballot(dan, id, "[\"Rent\"]", null);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(late.body()).contains("joined_after_cutoff");
        HttpResponse<String> noOrigin = members.get("Cat")
                .send(HttpRequest.newBuilder(members.get("Cat").uri("/api/v1/consultations/ballot"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"consultation\":\"" + id + "\",\"choices\":[\"Rent\"]}"))
                        .build());
        assertThat(noOrigin.statusCode())
                .as("a session's change must come from the node's own pages")
                .isEqualTo(403);
        JsonNode standing = show(id);
        assertThat(standing.get("ballots").asInt()).isEqualTo(2);
        assertThat(standing.get("totals").get("Rent").asInt()).isEqualTo(1);
        assertThat(standing.get("totals").get("Buses").asInt()).isEqualTo(1);
        assertThat(standing.get("publicVotes").size()).isZero();
        assertThat(standing.get("branches").get(0).get("ballots").asInt()).isEqualTo(2);

        // Ann changes her vote with her receipt; Cat votes on the page and checks her receipt there.
        HttpResponse<String> changed = ballot(members.get("Ann"), id, "[\"Buses\"]", annReceipt);
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        Browser cat = members.get("Cat");
        Document page = Jsoup.parse(cat.get("/consultations/" + uuid).body());
        assertThat(page.select("#ballot input[type=radio][name=choice]")).hasSize(3);
        HttpResponse<String> voted = cat.post("/consultations/" + uuid + "/ballot", Map.of("choice", "Libraries"));
        assertThat(voted.statusCode()).as(voted.body()).isEqualTo(200);
        String catReceipt = Jsoup.parse(voted.body()).select("#receipt-code").text();
        assertThat(Receipts.normalise(catReceipt)).contains(catReceipt);
        cat.get("/consultations/" + uuid);
        assertThat(Jsoup.parse(cat.post("/consultations/" + uuid + "/receipt", Map.of("receipt", catReceipt))
                                .body())
                        .select("#receipt-answer")
                        .text())
                .startsWith("Yes");
        page = Jsoup.parse(cat.get("/consultations/" + uuid).body());
        assertThat(page.select("#voter-note").text()).startsWith("You voted on");
        assertThat(page.select("#totals tbody tr")).hasSize(3);
        assertThat(page.select("figure svg")).hasSize(1);

        standing = show(id);
        assertThat(standing.get("totals").get("Rent").asInt()).isZero();
        assertThat(standing.get("totals").get("Buses").asInt()).isEqualTo(2);
        assertThat(standing.get("totals").get("Libraries").asInt()).isEqualTo(1);
        assertThat(standing.get("winners").get(0).asText()).isEqualTo("Buses");

        // The close counts, keeps the tally and the receipts, deletes the ballots; no vote after it.
        HttpResponse<String> closed = api.post("/api/v1/consultations/" + uuid + "/close", "{}");
        assertThat(closed.statusCode()).as(closed.body()).isEqualTo(200);
        JsonNode after = ApiClient.json(closed);
        assertThat(after.get("state").asText()).isEqualTo("closed");
        assertThat(after.has("ballotsDeletedAt")).isTrue();
        assertThat(after.get("totals").get("Buses").asInt()).isEqualTo(2);
        assertThat(after.get("receiptsHash").asText())
                .isEqualTo(Receipts.listHash(List.of(
                        Receipts.hash(annReceipt),
                        Receipts.hash(catReceipt),
                        List.of(cat.get("/consultations/" + uuid + "/receipts.txt")
                                        .body()
                                        .split("\n"))
                                .stream()
                                .filter(h ->
                                        !h.equals(Receipts.hash(annReceipt)) && !h.equals(Receipts.hash(catReceipt)))
                                .findFirst()
                                .orElseThrow())));
        assertThat(ballot(members.get("Bob"), id, "[\"Rent\"]", null).body()).contains("closed");
        assertThat(Jsoup.parse(cat.get("/consultations/" + uuid).body())
                        .select("#certificate")
                        .text())
                .contains("3 individual ballots were deleted");
        String csv = cat.get("/consultations/" + uuid + "/results.csv").body();
        assertThat(csv).contains("total,Buses,2,yes");
        assertThat(api.post("/api/v1/consultations/" + uuid + "/close", "{}").statusCode())
                .isEqualTo(409);

        // Her own data says she voted, and on which day, not how.
        String data = members.get("Ann").get("/me/data").body();
        assertThat(data).contains("consultationsVotedIn").contains(uuid).doesNotContain("Buses");
    }

    private String mailed(String to, String subject) {
        until(
                "a mail '" + subject + "' reaches " + to,
                () -> nodes.mail().text(to, subject).isPresent());
        return nodes.mail().text(to, subject).orElseThrow();
    }

    private static String votingLink(String text) {
        Matcher m = Pattern.compile("https?://[^/\\s]+(/vote/\\S+)").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    @Test
    void electorsAreMailedTheirOwnVotingLinkWhichVotesOnceWithoutASessionAndNonVotersAreReminded() throws Exception {
        String id = create("single", "advisory", "");
        assertThat(show(id).get("electorate").asInt())
                .as("the three and the admin who set the node up")
                .isEqualTo(4);
        String invitation = mailed("ann.voter@example.org", "Your vote: What next?");
        assertThat(invitation).contains("Voting is open until").contains("/consultations/");
        String link = votingLink(invitation);
        assertThat(votingLink(mailed("bob.voter@example.org", "Your vote: What next?")))
                .as("each elector's own")
                .isNotEqualTo(link);

        Browser stranger = new Browser(node);
        HttpResponse<String> page = stranger.get(link);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(Jsoup.parse(page.body()).select("form#ballot input[name=choice]"))
                .hasSize(3);
        assertThat(show(id).get("ballots").asInt())
                .as("opening the link votes nothing")
                .isZero();

        assertThat(stranger.post(link, Map.of("choice", "Rent")).statusCode()).isEqualTo(200);
        assertThat(show(id).get("ballots").asInt()).isEqualTo(1);
        HttpResponse<String> again = stranger.post(link, Map.of("choice", "Buses"));
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(Jsoup.parse(again.body()).select("#ballot-error").text())
                .startsWith("This voting link has been used");
        assertThat(ballot(members.get("Ann"), id, "[\"Buses\"]", null).statusCode())
                .as("one member, one vote, whichever way they vote")
                .isEqualTo(409);
        String forged = link.substring(0, link.length() - 2) + (link.endsWith("AA") ? "BB" : "AA");
        assertThat(stranger.get(forged).statusCode()).isEqualTo(404);
        assertThat(stranger.post(forged, Map.of("choice", "Buses")).statusCode())
                .isEqualTo(404);
        assertThat(show(id).get("ballots").asInt()).isEqualTo(1);
        assertThat(show(id).get("totals").get("Rent").asInt()).isEqualTo(1);

        // The last day: the two who have not voted are reminded, once; Ann is not.
        clock.advance(Duration.ofDays(2).plusHours(2));
        String reminder = mailed("bob.voter@example.org", "Last day to vote: What next?");
        mailed("cat.voter@example.org", "Last day to vote: What next?");
        assertThat(reminder).contains("You have not voted yet");
        assertThat(new Browser(node)
                        .post(votingLink(reminder), Map.of("choice", "Libraries"))
                        .statusCode())
                .isEqualTo(200);
        assertThat(show(id).get("ballots").asInt()).isEqualTo(2);
        TestNodes.awaitQuiescent(node);
        assertThat(nodes.mail().text("ann.voter@example.org", "Last day to vote"))
                .isEmpty();
        assertThat(nodes.mail().to("bob.voter@example.org").stream()
                        .filter(m -> {
                            try {
                                return m.getSubject().startsWith("Last day");
                            } catch (jakarta.mail.MessagingException e) {
                                throw new IllegalStateException(e);
                            }
                        })
                        .count())
                .isEqualTo(1);
    }

    @Test
    void afterTheCloseTheDatabaseFilesHoldNoBallotAndNoRowPairingAMemberWithAChoice() throws Exception {
        String id = create("ranked", "binding", ",\"seats\":1");
        assertThat(ballot(members.get("Ann"), id, "[\"Rent\",\"Buses\"]", null).statusCode())
                .isEqualTo(201);
        assertThat(ballot(members.get("Bob"), id, "[\"Buses\",\"Libraries\"]", null)
                        .statusCode())
                .isEqualTo(201);
        assertThat(ballot(members.get("Cat"), id, "[\"Libraries\",\"Buses\"]", null)
                        .statusCode())
                .isEqualTo(201);
        JsonNode open = show(id);
        assertThat(open.get("resultsHidden").asBoolean()).isTrue();
        assertThat(open.get("totals").size())
                .as("binding: nothing shown before the close")
                .isZero();
        assertThat(open.get("ballots").asInt()).isEqualTo(3);

        // Soon after the votes, a checkpoint takes them out of the redo log; the ballots then sit
        // in the .script in receipt-hash order, not in the order they were cast.
        Path data = node.config().dataDir();
        // Both at once: the checkpoint empties the log before its new .script is in place.
        until("the votes are checkpointed out of the log and into the .script", () -> checkpointed(data));
        List<String> order = ballotRowHashes(text(data, ".script"));
        assertThat(order).hasSize(3).isSorted();

        String uuid = id.substring(id.lastIndexOf('/') + 1);
        JsonNode counted = ApiClient.json(api.post("/api/v1/consultations/" + uuid + "/close", "{}"));
        // 3 ballots, quota 2: Rent 1, Buses 1, Libraries 1, equal at every stage: a lot (seeded by
        // the receipts hash) excludes one; the result is whatever it draws, but it is complete.
        assertThat(counted.get("quota").asInt()).isEqualTo(2);
        assertThat(counted.get("rounds").size()).isGreaterThanOrEqualTo(2);
        assertThat(counted.get("rounds").get(0).get("votes").get("Rent").asText())
                .isEqualTo("1.00000");
        assertThat(counted.get("winners")).hasSize(1);
        assertThat(counted.get("totals").get("Libraries").asInt()).isEqualTo(1);

        // This node's own members are one branch in the published tallies: a re-count finds them.
        JsonNode tallies = ApiClient.json(TestNodes.get(node, "/consultations/" + uuid + "/tallies.json"));
        assertThat(tallies.get("tallies")).hasSize(1);
        assertThat(tallies.get("tallies").get(0).has("proof")).isTrue();
        org.branchwork.node.Recount.Result recount =
                org.branchwork.node.Recount.recount(tallies, org.branchwork.node.Recount.fetchingKeys(true));
        assertThat(recount.refused()).isEmpty();
        assertThat(recount.ballots()).isEqualTo(3);
        assertThat(recount.electorate()).isEqualTo(4);
        assertThat(recount.result().winners().stream()
                        .map(i -> List.of("Rent", "Buses", "Libraries").get(i))
                        .toList())
                .as("the same lot, drawn from the same receipts")
                .isEqualTo(JSON.convertValue(counted.get("winners"), List.class));

        node.close(); // a clean shutdown checkpoints: the files are what a backup or a thief would copy
        String all = text(data, "");
        assertThat(all).as("no ballot row in any file").doesNotContain("INSERT INTO CONSULTATION_BALLOT");
        List<List<String>> electors = rows(all, "CONSULTATION_ELECTOR");
        assertThat(electors).as("the roll: Ada, Ann, Bob, Cat").hasSize(4);
        for (List<String> row : electors) {
            assertThat(row).as("an elector row is (consultation, member, day)").hasSize(3);
            assertThat(row.get(2)).matches("NULL|'\\d{4}-\\d{2}-\\d{2}'");
        }
        // The kept counts per ranking (consultation_tally) are a cached table, in the .data file's
        // binary rows: (consultation, ranking, count), no member column; the API showed them above.
        // No row written as text (memory tables and the log) carries this consultation and a ranking.
        for (String table : tablesWithRows(all)) {
            for (List<String> row : rows(all, table)) {
                if (row.stream().anyMatch(v -> v.equals("'" + uuid + "'"))) {
                    assertThat(row).as(table + " names no ranking").noneMatch(v -> v.matches("'\\d+(,\\d+)+'"));
                }
            }
        }
    }

    /** The text of the node's database files whose names end with {@code suffix}, read as Latin-1. */
    private static String text(Path dir, String suffix) {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("db"))
                    .filter(p -> p.toString().endsWith(suffix))
                    .toList()) {
                out.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                        .append('\n');
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static final Pattern INSERT = Pattern.compile("INSERT INTO (\\w+) VALUES\\((.*)\\)");

    private static List<String> tablesWithRows(String all) {
        List<String> out = new ArrayList<>();
        Matcher m = INSERT.matcher(all);
        while (m.find()) {
            if (!out.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    /** The value lists of {@code table}'s INSERT lines (HSQLDB's script and log write one a line). */
    private static List<List<String>> rows(String all, String table) {
        List<List<String>> out = new ArrayList<>();
        Matcher m = INSERT.matcher(all);
        while (m.find()) {
            if (m.group(1).equals(table)) {
                out.add(List.of(m.group(2).split(",(?=(?:[^']*'[^']*')*[^']*$)")));
            }
        }
        return out;
    }

    private static boolean checkpointed(Path data) {
        try {
            return !text(data, ".log").contains("CONSULTATION_BALLOT")
                    && ballotRowHashes(text(data, ".script")).size() == 3;
        } catch (java.io.UncheckedIOException e) {
            return false; // a file renamed under the walk, mid-checkpoint: look again
        }
    }

    private static List<String> ballotRowHashes(String script) {
        return rows(script, "CONSULTATION_BALLOT").stream().map(r -> r.get(1)).toList();
    }
}
