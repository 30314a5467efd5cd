package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.node.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * Organisers' mailings on a real node with a real SMTP server in the test's process: who gets one
 * (consent for its purpose, the audience), what arrives (headers, multipart, footer), the
 * progress counts, and the RFC 8058 one-click unsubscribe by a plain POST without a session.
 */
class MailingIT {

    @RegisterExtension
    final NodeWithMail nodes = new NodeWithMail();

    private TestMail mail;
    private Node node;
    private ApiClient api;

    @BeforeEach
    void start() {
        mail = nodes.mail();
        node = nodes.node();
        api = TestNodes.api(node);
        Browser admin = Browser.signedIn(node, Fixtures.Admin.ADA);
        admin.get("/organise/mailings");
        HttpResponse<String> saved =
                admin.post("/organise/mailings/address", Map.of("postalAddress", "1 Mersey Square\nStockport SK1 1AA"));
        assertThat(saved.statusCode()).isEqualTo(303);
    }

    private void member(String name, String email, boolean consent, String... tags) {
        StringBuilder t = new StringBuilder("[");
        for (int i = 0; i < tags.length; i++) {
            t.append(i == 0 ? "" : ",").append('"').append(tags[i]).append('"');
        }
        t.append(']');
        HttpResponse<String> r = api.post(
                "/api/v1/members",
                "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"postcode\":\"SK1 3XE\",\"contactConsent\":"
                        + consent + ",\"tags\":" + t + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }

    private long mailing(String subject, String audience) {
        HttpResponse<String> r = api.post(
                "/api/v1/mailings",
                "{\"subject\":\"" + subject
                        + "\",\"content\":\"Hello **all**.\\n\\nCome to the [meeting](https://example.org/m).\""
                        + (audience == null ? "" : ",\"audience\":" + audience) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("id").asLong();
    }

    private JsonNode state(long id) {
        return ApiClient.json(api.get("/api/v1/mailings/" + id));
    }

    @Test
    void aMailingReachesOnlyMembersWhoConsentedWithItsHeadersPartsAndFooter() throws Exception {
        member("Ann Able", "ann@example.org", true);
        member("Bob Nobody", "bob@example.org", false);
        member("Cat Tenant", "cat@example.org", true, "tenants");

        long id = mailing("Branch meeting", null);
        assertThat(state(id).get("recipients").asInt()).isEqualTo(2);
        HttpResponse<String> sent = api.post("/api/v1/mailings/" + id + "/send", "{}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        until("the mailing is sent", () -> state(id).get("state").asText().equals("sent"));
        JsonNode done = state(id);
        assertThat(done.get("sent").asInt()).isEqualTo(2);
        assertThat(done.get("queued").asInt()).isZero();
        assertThat(done.get("failed").asInt()).isZero();

        assertThat(mail.to("bob@example.org")).as("no consent, no mail").isEmpty();
        assertThat(mail.to("cat@example.org")).hasSize(1);
        List<MimeMessage> toAnn = mail.to("ann@example.org");
        assertThat(toAnn).hasSize(1);
        MimeMessage m = toAnn.get(0);
        assertThat(m.getSubject()).isEqualTo("Branch meeting");
        assertThat(m.getHeader("List-Unsubscribe-Post")).containsExactly("List-Unsubscribe=One-Click");
        assertThat(m.getHeader("List-Unsubscribe")[0]).matches("<http://[^>]+/unsubscribe/[^>]+\\?m=" + id + ">");
        assertThat(m.getHeader("Message-ID")[0]).matches("<mail-\\d+@[^>]+>");
        assertThat(m.getSentDate()).isNotNull();
        assertThat(m.getContentType()).startsWith("multipart/alternative");
        Multipart parts = (Multipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        BodyPart text = parts.getBodyPart(0);
        BodyPart html = parts.getBodyPart(1);
        assertThat(text.getContentType()).startsWith("text/plain");
        assertThat(html.getContentType()).startsWith("text/html");
        assertThat((String) text.getContent())
                .contains("Hello **all**.")
                .contains("Stockport")
                .contains("1 Mersey Square, Stockport SK1 1AA")
                .contains("Unsubscribe: http://");
        assertThat((String) html.getContent())
                .contains("<strong>all</strong>")
                .contains("1 Mersey Square, Stockport SK1 1AA")
                .contains(">Unsubscribe</a>");

        // The audience narrows: a tag reaches only those tagged (and still consenting).
        long tenants = mailing("Tenants only", "{\"tags\":[\"Tenants\"]}");
        assertThat(state(tenants).get("recipients").asInt()).isEqualTo(1);
    }

    @Test
    void oneClickUnsubscribeByAPlainPostTakesEffectAtOnceAndIsCounted() throws Exception {
        member("Ann Able", "ann@example.org", true);
        member("Cat Tenant", "cat@example.org", true);
        long id = mailing("News", null);
        api.post("/api/v1/mailings/" + id + "/send", "{}");
        until(
                "both mails arrived",
                () -> mail.to("ann@example.org").size() == 1
                        && mail.to("cat@example.org").size() == 1);
        String header = mail.to("ann@example.org").get(0).getHeader("List-Unsubscribe")[0];
        URI link = URI.create(header.substring(1, header.length() - 1));

        // What a mail program does (RFC 8058): a POST with no cookie, no CSRF token, no redirect.
        HttpClient plain = HttpClient.newHttpClient();
        HttpResponse<String> clicked = plain.send(
                HttpRequest.newBuilder(link)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(clicked.statusCode()).isEqualTo(200);
        assertThat(clicked.body()).contains("You are unsubscribed");
        assertThat(state(id).get("unsubscribed").asInt()).isEqualTo(1);

        // Immediate: the next mailing no longer counts her; again is harmless; a visit alone changes nothing.
        assertThat(state(mailing("More news", null)).get("recipients").asInt()).isEqualTo(1);
        HttpResponse<String> again = plain.send(
                HttpRequest.newBuilder(link)
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(again.body()).contains("already unsubscribed");
        String catHeader = mail.to("cat@example.org").get(0).getHeader("List-Unsubscribe")[0];
        URI catLink = URI.create(catHeader.substring(1, catHeader.length() - 1));
        HttpResponse<String> visited =
                plain.send(HttpRequest.newBuilder(catLink).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(visited.statusCode()).isEqualTo(200);
        assertThat(visited.body()).contains("<form method=\"post\"");
        assertThat(state(mailing("Still two?", null)).get("recipients").asInt()).isEqualTo(1);

        // A token with one character changed, or for another member, does nothing.
        String path = link.getPath();
        String forged = path.substring(0, path.length() - 1) + (path.endsWith("A") ? "B" : "A");
        HttpResponse<String> refused = plain.send(
                HttpRequest.newBuilder(link.resolve(forged))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(state(mailing("Cat still in?", null)).get("recipients").asInt())
                .isEqualTo(1);
    }

    @Test
    void badMailingsAreRefusedWithTheirReasons() {
        HttpResponse<String> r = api.post(
                "/api/v1/mailings",
                "{\"subject\":\"Two\\nlines\",\"content\":\"\",\"purpose\":\"spam\",\"audience\":{\"postcodes\":[\"S%\"],"
                        + "\"joinedSince\":\"yesterday\",\"event\":\"00000000-0000-0000-0000-000000000000\"}}");
        assertThat(r.statusCode()).isEqualTo(422);
        JsonNode errors = ApiClient.json(r).get("errors");
        assertThat(errors.findValuesAsText("field"))
                .contains("subject", "content", "purpose", "postcodes", "joinedSince", "event");
        assertThat(api.post("/api/v1/mailings/999/send", "{}").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/mailings").statusCode()).isEqualTo(200);
    }
}
