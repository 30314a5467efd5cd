package org.branchwork.node.it;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 members with distinctive names, emails and phones, then every ActivityPub document and
 * activity the node serves, fetched as a peer would: none of them holds any of it.
 */
class MemberDataStaysHomeIT {

    private static final int MEMBERS = 1000;

    @TempDir
    Path dir;

    private Node node;

    @BeforeEach
    void start() {
        node = TestNodes.federating(dir, "stockport");
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void noMemberDataInAnyFederatedDocument() {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String name = "Zephyrine Quillfeather" + i;
            String email = "zq" + i + ".secret@members.example";
            String phone = "+44 7700 9" + String.format("%05d", i);
            HttpResponse<String> res = api(
                    "POST",
                    "/api/v1/members",
                    "{\"name\": \"" + name + "\", \"email\": \"" + email
                            + "\", \"postcode\": \"SK1 3XE\", \"phone\": \"" + phone + "\", \"tags\": [\"secret-tag-"
                            + (i % 7) + "\"]}");
            assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
            secrets.add(name);
            secrets.add(email);
            secrets.add(phone);
        }
        secrets.add("Zephyrine");
        secrets.add("members.example");
        secrets.add("secret-tag");
        HttpResponse<String> announcement =
                api("POST", "/api/v1/announcements", "{\"content\": \"Stall on Saturday\"}");
        assertThat(announcement.statusCode()).isEqualTo(201);
        String announcementId = match("\"id\":\"([^\"]+)\"", announcement.body());
        String activityId = match("\"activity\":\"([^\"]+)\"", announcement.body());

        List<String> documents = new ArrayList<>(List.of(
                "/actor",
                "/groups/stockport",
                "/groups/stockport/followers",
                "/groups/stockport/following",
                "/groups/stockport/outbox",
                "/groups/stockport/outbox?page=true",
                "/groups/stockport/followers?page=true",
                "/.well-known/webfinger?resource=acct:stockport@localhost:" + node.port(),
                "/.well-known/nodeinfo",
                "/nodeinfo/2.1",
                "/.well-known/host-meta",
                "/ns/branchwork"));
        documents.add(path(announcementId));
        documents.add(path(activityId));
        int fetched = 0;
        for (String doc : documents) {
            HttpResponse<String> res = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, doc))
                    .header("Accept", "application/activity+json")
                    .GET()
                    .build());
            assertThat(res.statusCode()).as(doc).isEqualTo(200);
            for (String secret : secrets) {
                assertThat(res.body()).as(doc + " must not contain member data").doesNotContainIgnoringCase(secret);
            }
            fetched++;
        }
        assertThat(fetched).isEqualTo(documents.size());
        assertThat(node.inspect().deliveryCounts().pending()
                        + node.inspect().deliveryCounts().delivered()
                        + node.inspect().deliveryCounts().dead())
                .as("no followers: nothing queued that could carry data")
                .isZero();

        for (String handle : List.of(
                "acct:zq1.secret@members.example",
                "acct:zq1.secret@localhost:" + node.port(),
                "acct:zephyrinequillfeather1@localhost:" + node.port())) {
            HttpResponse<String> wf = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(
                            node,
                            "/.well-known/webfinger?resource=" + URLEncoder.encode(handle, StandardCharsets.UTF_8)))
                    .GET()
                    .build());
            assertThat(wf.statusCode()).as("WebFinger for " + handle).isEqualTo(404);
        }
    }

    private String path(String iri) {
        return iri.substring(iri.indexOf('/', "http://".length()));
    }

    private static String match(String regex, String text) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> api(String method, String path, String json) {
        return TestNodes.api(node).call(method, path, json);
    }
}
