package org.branchwork.node.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.node.testing.Network;
import org.branchwork.node.testing.TemplateDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * The node is killed with SIGKILL in the middle of a 5,000-recipient mailing; after a restart the
 * mailing finishes and the SMTP server counts each recipient exactly once. The server pauses
 * between commands before the kill, so that every mail it accepted has been answered and every
 * answer recorded: what is left is what a crash can always leave, the mails not yet sent.
 */
class MailCrashIT {

    private static final String TOKEN = TestNodes.ADMIN_TOKEN;
    private static final int RECIPIENTS = 5_000;

    @TempDir
    Path dir;

    @Test
    void eachRecipientIsMailedExactlyOnceAcrossAKillAndARestart() throws Exception {
        try (ScriptedSmtp smtp = new ScriptedSmtp()) {
            int port = Network.freePort();
            Map<String, String> env = Map.ofEntries(
                    Map.entry("BRANCHWORK_PORT", Integer.toString(port)),
                    Map.entry("BRANCHWORK_DATA_DIR", dir.resolve("data").toString()),
                    Map.entry("BRANCHWORK_BRANCH_SLUG", "stockport"),
                    Map.entry("BRANCHWORK_ADMIN_TOKEN", TOKEN),
                    Map.entry("BRANCHWORK_SMTP_HOST", "127.0.0.1"),
                    Map.entry("BRANCHWORK_SMTP_PORT", String.valueOf(smtp.port())),
                    Map.entry("BRANCHWORK_SMTP_SECURITY", "none"),
                    Map.entry("BRANCHWORK_MAIL_FROM", "Stockport <branch@stockport.test>"),
                    Map.entry("BRANCHWORK_MAIL_POSTAL_ADDRESS", "1 Mersey Square, Stockport SK1 1AA"),
                    Map.entry("BRANCHWORK_MAIL_CONNECTIONS", "2"));
            TemplateDatabase.seed(dir.resolve("data"));
            NodeProcess first = NodeProcess.start(dir, env);
            first.awaitHealthy(port);
            ApiClient api = ApiClient.onPort(port, TOKEN);
            addMembers(api);

            smtp.delayPerMail(2); // 5,000 mails take 10 s or more: time to kill in the middle
            HttpResponse<String> created =
                    api.post("/api/v1/mailings", "{\"subject\":\"Strike fund\",\"content\":\"Please give.\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long id = ApiClient.json(created).get("id").asLong();
            assertThat(ApiClient.json(created).get("recipients").asInt()).isEqualTo(RECIPIENTS);
            assertThat(api.post("/api/v1/mailings/" + id + "/send", "{}").statusCode())
                    .isEqualTo(202);

            until("a good part has gone", () -> smtp.acceptedTotal() >= 1_000);
            smtp.pause();
            int accepted = smtp.acceptedTotal();
            until("the node recorded every mail the server accepted", () -> sent(api, id) == accepted);
            first.kill();
            assertThat(accepted).as("killed in the middle").isLessThan(RECIPIENTS);
            smtp.resume();

            smtp.delayPerMail(0);
            NodeProcess restarted = NodeProcess.start(dir, env);
            try {
                restarted.awaitHealthy(port);
                until(
                        "the mailing finished after the restart",
                        () -> smtp.acceptedTotal() >= RECIPIENTS
                                && state(api, id).equals("sent"));
                assertThat(smtp.accepted()).hasSize(RECIPIENTS);
                assertThat(smtp.accepted().values())
                        .as("each recipient exactly once")
                        .containsOnly(1);
                assertThat(sent(api, id)).isEqualTo(RECIPIENTS);
                assertThat(restarted.output())
                        .as("no address in the node's log")
                        .doesNotContain("@example.org");
            } finally {
                restarted.close();
            }
        }
    }

    private static void addMembers(ApiClient api) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int i = 0; i < RECIPIENTS; i++) {
                String body = "{\"name\":\"Member " + i + "\",\"email\":\"m" + i + "@example.org\","
                        + "\"postcode\":\"SK1 3XE\",\"contactConsent\":true}";
                done.add(pool.submit(() -> api.post("/api/v1/members", body).statusCode()));
            }
            for (Future<Integer> f : done) {
                assertThat(f.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }
    }

    private static int sent(ApiClient api, long id) {
        return ApiClient.json(api.get("/api/v1/mailings/" + id)).get("sent").asInt();
    }

    private static String state(ApiClient api, long id) {
        return ApiClient.json(api.get("/api/v1/mailings/" + id)).get("state").asText();
    }
}
