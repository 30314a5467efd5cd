package org.branchwork.node.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.storage.RemoteObjectStore.RemoteObject;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/** The trust rules for content: only owners change their objects; an Announce never smuggles content in. */
class TrustRulesIT {

    private static final String TOKEN = TestNodes.ADMIN_TOKEN;
    private static final String CONTEXT = "\"@context\":\"https://www.w3.org/ns/activitystreams\"";

    @RegisterExtension
    final LoopbackFederation federation = new LoopbackFederation(1);

    private FakePeer peer;
    private Node node;
    private SigningKey mallory;
    private SigningKey eve;
    private int sequence;

    @BeforeEach
    void start() throws Exception {
        peer = federation.peer();
        node = federation.node();
        mallory = peer.actor("mallory");
        eve = peer.actor("eve");
        followAndGetAccepted(mallory, "mallory");
        followAndGetAccepted(eve, "eve");
    }

    @Test
    void onlyTheOwnerUpdatesOrDeletesAnObject() {
        URI note = peer.publish("n1", note("n1", "mallory", "Original"));
        send(mallory, "Create", "mallory", note("n1", "mallory", "Original"));
        until("the note is stored", () -> node.inspect().remoteObject(note).isPresent());

        String forged = send(eve, "Update", "eve", note("n1", "mallory", "Forged by eve"));
        assertThat(outcome(forged)).startsWith("refused:").contains("does not own");
        assertThat(content(note)).contains("Original").doesNotContain("Forged");

        String edit = send(mallory, "Update", "mallory", note("n1", "mallory", "Edited by mallory"));
        until("mallory's Update is handled", () -> content(note).contains("Edited by mallory"));
        assertThat(node.inspect().hasReceived(edit)).isTrue();

        String eveDelete = send(eve, "Delete", "eve", "\"" + note + "\"");
        assertThat(outcome(eveDelete)).startsWith("refused:");
        assertThat(node.inspect().remoteObject(note).map(RemoteObject::deleted)).contains(false);

        send(mallory, "Delete", "mallory", "\"" + note + "\"");
        until(
                "mallory's Delete removes it",
                () -> node.inspect()
                        .remoteObject(note)
                        .map(RemoteObject::deleted)
                        .orElse(false));
    }

    @Test
    void anAnnounceEmbeddingAForgedObjectStoresTheOriginalFromItsOrigin() {
        URI note = peer.publish("n2", note("n2", "mallory", "What mallory really wrote"));

        send(eve, "Announce", "eve", note("n2", "mallory", "Words put in mallory's mouth"));

        until(
                "the announced note is stored",
                () -> node.inspect().remoteObject(note).isPresent());
        assertThat(content(note)).contains("What mallory really wrote").doesNotContain("mouth");
        assertThat(node.inspect().remoteObject(note).orElseThrow().attributedTo())
                .isEqualTo(peer.actorId("mallory"));
    }

    @Test
    void aCreateWhoseEmbeddedObjectIsFromElsewhereIsFetchedNotTrusted() {
        // Eve creates "mallory's" note: the embedded copy is ignored, the fetched one is mallory's own,
        // so eve (not its owner) cannot have it stored under her Create.
        URI note = peer.publish("n3", note("n3", "mallory", "Mallory's words"));
        String create = send(eve, "Create", "eve", note("n3", "mallory", "Eve's words"));

        assertThat(outcome(create)).startsWith("refused:");
        assertThat(node.inspect().remoteObject(note)).isEmpty();
    }

    @Test
    void aRelayedCopyIsTakenOnItsOwnersProofAndATamperedOneIsFetchedInstead(@TempDir Path nationalDir)
            throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (Node national = TestNodes.federating(nationalDir, "national")) {
            HttpResponse<String> posted =
                    EventFederationIT.api(national, "POST", "/api/v1/announcements", "{\"content\": \"Version one\"}");
            String uuid = json.readTree(posted.body()).get("uuid").asText();
            URI noteId = URI.create(json.readTree(posted.body()).get("id").asText());
            String copy = TestNodes.send(HttpRequest.newBuilder(noteId)
                            .header("Accept", "application/activity+json")
                            .build())
                    .body();
            assertThat(copy).contains("\"proof\"").contains("Version one");
            // National edits it: the original now differs from the signed copy mallory relays.
            assertThat(EventFederationIT.api(
                                    national,
                                    "PATCH",
                                    "/api/v1/announcements/" + uuid,
                                    "{\"content\": \"Version two\"}")
                            .statusCode())
                    .isEqualTo(200);

            String relayed = send(mallory, "Announce", "mallory", copy);
            assertThat(outcome(relayed)).startsWith("stored Note");
            assertThat(content(noteId))
                    .as("the proved copy is taken as national wrote it, not fetched")
                    .contains("Version one");

            String tampered = copy.replace("Version one", "Version forged");
            String second = send(mallory, "Announce", "mallory", tampered);
            assertThat(outcome(second)).startsWith("stored Note");
            assertThat(content(noteId))
                    .as("a copy whose proof fails is replaced by the original, fetched")
                    .contains("Version two")
                    .doesNotContain("forged");
        }
    }

    @Test
    void scriptInARemoteNoteNeverReachesAPageUnescaped() throws Exception {
        Admin admin = new Admin("Ada Admin", "ada@stockport.test", Fixtures.PASSWORD);
        Fixtures.setUpBranch(node, admin);
        Browser ada = Browser.signedIn(node, admin);
        ada.get("/me/feed");
        assertThat(ada.post(
                                "/me/subscriptions",
                                java.util.Map.of(
                                        "target", peer.actorId("mallory").toString()))
                        .statusCode())
                .isEqualTo(303);

        String payload = "<p>Hello <script>alert(1)</script><img src=x onerror=alert(2)>"
                + "<a href='javascript:alert(3)'>click</a><svg onload=alert(4)></svg><iframe src='https://evil.example'></iframe>"
                + "<a href='https://ok.example/' onclick='alert(5)' style='position:fixed'>fine link</a>"
                + "<form action='https://evil.example'><input name=x></form></p>";
        String note = "{" + CONTEXT + ",\"id\":\"" + peer.origin() + "/objects/xss\",\"type\":\"Article\","
                + "\"name\":\"<script>alert(6)</script>Title\",\"attributedTo\":\"" + peer.actorId("mallory")
                + "\",\"content\":" + new ObjectMapper().writeValueAsString(payload)
                + ",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]}";
        send(mallory, "Create", "mallory", note);
        until(
                "the article is stored",
                () -> node.inspect()
                        .remoteObject(URI.create(peer.origin() + "/objects/xss"))
                        .isPresent());

        String page = ada.get("/me/feed").body();
        assertThat(page).contains("Hello").contains("fine link").contains("&lt;script&gt;alert(6)&lt;/script&gt;Title");
        String lower = page.toLowerCase(java.util.Locale.ROOT);
        for (String forbidden : java.util.List.of(
                "<script",
                "onerror",
                "javascript:",
                "<svg",
                "<iframe",
                "onclick",
                "<img",
                "position:fixed",
                "alert(1)",
                "alert(2)",
                "evil.example")) {
            assertThat(lower).as("the feed page must not carry " + forbidden).doesNotContain(forbidden);
        }
        // The page has forms of its own; the article must have none.
        String article = org.jsoup.Jsoup.parse(page).select("article.item").stream()
                .filter(a -> a.text().contains("fine link"))
                .findFirst()
                .orElseThrow()
                .outerHtml();
        assertThat(article).doesNotContain("<form").doesNotContain("<input");
        assertThat(page).contains("href=\"https://ok.example/\"").contains("rel=\"nofollow noopener noreferrer\"");
    }

    @Test
    void onlyWhatAFollowedAccountAddressedToThePublicReachesTheBranchsPublicHomePage() {
        Fixtures.setUpBranch(node, new Admin("Ada Admin", "ada@stockport.test", Fixtures.PASSWORD));
        String followers = peer.actorId("mallory") + "/followers";
        send(
                mallory,
                "Create",
                "mallory",
                addressed("open", "Everyone welcome", "\"https://www.w3.org/ns/activitystreams#Public\""));
        send(mallory, "Create", "mallory", addressed("private", "Meet at 14 Elm Street", "\"" + followers + "\""));
        send(
                mallory,
                "Create",
                "mallory",
                addressed("direct", "Just for the branch", "\"" + node.origin().uri() + "/branch\""));
        for (String name : java.util.List.of("open", "private", "direct")) {
            until(
                    name + " is stored",
                    () -> node.inspect()
                            .remoteObject(URI.create(peer.origin() + "/objects/" + name))
                            .isPresent());
        }
        String home = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/"))
                        .header("Accept", "text/html")
                        .build())
                .body();
        assertThat(home).contains("Everyone welcome");
        assertThat(home)
                .as("followers-only and direct posts stay off a page anyone may open")
                .doesNotContain("14 Elm Street")
                .doesNotContain("Just for the branch");
    }

    private String addressed(String name, String content, String to) {
        return "{" + CONTEXT + ",\"id\":\"" + peer.origin() + "/objects/" + name
                + "\",\"type\":\"Note\",\"attributedTo\":\"" + peer.actorId("mallory") + "\",\"content\":\""
                + content + "\",\"to\":[" + to + "]}";
    }

    private String outcome(String activityId) {
        until(
                "activity " + activityId + " is handled",
                () -> node.inspect().inboxOutcome(activityId).isPresent());
        return node.inspect().inboxOutcome(activityId).orElseThrow();
    }

    private String content(URI id) {
        return node.inspect().remoteObject(id).map(RemoteObject::body).orElse("");
    }

    private String note(String name, String author, String content) {
        return "{" + CONTEXT + ",\"id\":\"" + peer.origin() + "/objects/" + name
                + "\",\"type\":\"Note\",\"attributedTo\":\"" + peer.actorId(author) + "\",\"content\":\"" + content
                + "\",\"to\":[\"https://www.w3.org/ns/activitystreams#Public\"]}";
    }

    /** Sends an activity of {@code type} by {@code actor} wrapping {@code object} (JSON); returns its id. */
    private String send(SigningKey key, String type, String actor, String object) {
        String id = peer.origin() + "/activities/" + actor + "-" + (++sequence);
        byte[] body = ("{" + CONTEXT + ",\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"actor\":\""
                        + peer.actorId(actor) + "\",\"object\":" + object + "}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> res =
                FakePeer.signedPost(key, URI.create("http://localhost:" + node.port() + "/inbox"), body);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return id;
    }

    private void followAndGetAccepted(SigningKey key, String name) throws IOException, InterruptedException {
        HttpResponse<String> res = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/follows"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"target\": \"" + peer.actorId(name) + "\"}"))
                .build());
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        String followId = new ObjectMapper().readTree(res.body()).get("id").asText();
        until(name + " received the Follow", () -> peer.received(name).stream().anyMatch(b -> b.contains(followId)));
        send(key, "Accept", name, "\"" + followId + "\"");
        until(
                name + " accepted",
                () -> TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/api/v1/follows"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build())
                        .body()
                        .contains("\"target\":\"" + peer.actorId(name) + "\",\"state\":\"accepted\""));
    }
}
