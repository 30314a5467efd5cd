package org.branchwork.node.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.TempFolders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * The mail queue against a server that answers as real ones do: an address refused for good at
 * RCPT bounces (the organiser sees it, later mailings skip it), a mail put off (4xx) goes on a
 * later try, one connection carries a whole batch, and a server that is down holds the queue
 * (the mailings page says so) until it is back.
 */
class MailQueueIT {

    private Path dir;
    private ScriptedSmtp smtp;
    private Node node;
    private ApiClient api;

    @BeforeEach
    void start() throws Exception {
        dir = TempFolders.create("branchwork-it-queue-");
        smtp = new ScriptedSmtp();
        Map<String, String> env = new LinkedHashMap<>(TestNodes.federatingEnvironment("stockport"));
        env.put("BRANCHWORK_SMTP_HOST", "127.0.0.1");
        env.put("BRANCHWORK_SMTP_PORT", String.valueOf(smtp.port()));
        env.put("BRANCHWORK_SMTP_SECURITY", "none");
        env.put("BRANCHWORK_MAIL_FROM", "Stockport <branch@stockport.test>");
        env.put("BRANCHWORK_MAIL_POSTAL_ADDRESS", "1 Mersey Square, Stockport SK1 1AA");
        env.put("BRANCHWORK_MAIL_CONNECTIONS", "1");
        env.put("BRANCHWORK_MAIL_FIRST_RETRY", "0.2");
        node = TestNodes.start(dir, env);
        Fixtures.setUpBranch(node, Fixtures.Admin.ADA);
        api = TestNodes.api(node);
    }

    @AfterEach
    void stop() throws Exception {
        node.close();
        smtp.close();
        TempFolders.delete(dir);
    }

    private long member(String email) {
        HttpResponse<String> r = api.post(
                "/api/v1/members",
                "{\"name\":\"" + email.substring(0, email.indexOf('@')) + "\",\"email\":\"" + email
                        + "\",\"postcode\":\"SK1 3XE\",\"contactConsent\":true}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        return ApiClient.json(r).get("id").asLong();
    }

    private long send(String subject) {
        HttpResponse<String> r =
                api.post("/api/v1/mailings", "{\"subject\":\"" + subject + "\",\"content\":\"Hello.\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        long id = ApiClient.json(r).get("id").asLong();
        HttpResponse<String> sent = api.post("/api/v1/mailings/" + id + "/send", "{}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return id;
    }

    private JsonNode state(long id) {
        return ApiClient.json(api.get("/api/v1/mailings/" + id));
    }

    @Test
    void aRefusedAddressBouncesAPutOffMailGoesLaterAndOneConnectionCarriesTheBatch() {
        for (int i = 0; i < 20; i++) {
            member("member" + i + "@example.org");
        }
        long bouncing = member("bounce@example.org");
        member("later@example.org");

        long id = send("News");
        until("the mailing is done", () -> state(id).get("state").asText().equals("sent"));
        JsonNode done = state(id);
        assertThat(done.get("sent").asInt()).isEqualTo(21);
        assertThat(done.get("failed").asInt()).isEqualTo(1);
        assertThat(smtp.accepted()).containsEntry("later@example.org", 1).doesNotContainKey("bounce@example.org");
        assertThat(smtp.accepted().values()).containsOnly(1);
        assertThat(smtp.connections())
                .as("one connection for the batch, one for the retry")
                .isLessThanOrEqualTo(3);

        Browser admin = Browser.signedIn(node, Fixtures.Admin.ADA);
        assertThat(admin.get("/organise/members/" + bouncing).body()).contains("id=\"member-bounced\"");
        assertThat(state(send("More news")).get("recipients").asInt())
                .as("the bouncing address is skipped")
                .isEqualTo(21);
    }

    @Test
    void aServerThatIsDownHoldsTheQueueAndThePageSaysSoUntilItIsBack() throws Exception {
        member("ann@example.org");
        member("ben@example.org");
        smtp.stop();
        long id = send("While it is down");
        Browser admin = Browser.signedIn(node, Fixtures.Admin.ADA);
        until(
                "the page says the server cannot be reached",
                () -> admin.get("/organise/mailings").body().contains("cannot be reached"));
        JsonNode waiting = state(id);
        assertThat(waiting.get("queued").asInt()).isEqualTo(2);
        assertThat(waiting.get("failed").asInt()).as("nothing is given up").isZero();

        smtp.start();
        until(
                "the mailing went once the server was back",
                () -> state(id).get("state").asText().equals("sent"));
        assertThat(smtp.accepted()).containsOnly(Map.entry("ann@example.org", 1), Map.entry("ben@example.org", 1));
        until(
                "the page no longer warns",
                () -> !admin.get("/organise/mailings").body().contains("cannot be reached"));
    }
}
