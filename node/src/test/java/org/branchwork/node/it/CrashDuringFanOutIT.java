package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.node.testing.Network;
import org.branchwork.node.testing.TemplateDatabase;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/** The sender is killed with SIGKILL in the middle of a fan-out; after a restart every follower still gets it. */
class CrashDuringFanOutIT {

    private static final String TOKEN = TestNodes.ADMIN_TOKEN;
    private static final int FOLLOWERS = 30;

    @TempDir
    Path dir;

    @Test
    void nothingIsLostWhenTheSenderIsKilledMidFanOut() throws Exception {
        int port = Network.freePort();
        Map<String, String> env = Map.of(
                "BRANCHWORK_PORT",
                Integer.toString(port),
                "BRANCHWORK_DATA_DIR",
                dir.resolve("data").toString(),
                "BRANCHWORK_BRANCH_SLUG",
                "national",
                "BRANCHWORK_ADMIN_TOKEN",
                TOKEN,
                "BRANCHWORK_ALLOW_PRIVATE_ADDRESSES",
                "true",
                "BRANCHWORK_DELIVERY_FIRST_RETRY",
                "0.2");
        // Not what is tested here: the first start's migrations (NodeProcessIT runs those).
        TemplateDatabase.seed(dir.resolve("data"));
        try (FakePeer peer = new FakePeer()) {
            NodeProcess national = NodeProcess.start(dir, env);
            national.awaitHealthy(port);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < FOLLOWERS; i++) {
                String name = "member" + i;
                names.add(name);
                follow(peer.actorSharingKey(name), port);
            }
            until(
                    "every follower got its Accept",
                    () -> names.stream().allMatch(n -> !peer.received(n).isEmpty()));

            peer.inboxDelay(100); // 30 deliveries now take about 3 s
            String activityId = announce(port);
            until("the fan-out has begun", () -> names.stream().anyMatch(n -> received(peer, n, activityId)));
            long reachedBeforeKill =
                    names.stream().filter(n -> received(peer, n, activityId)).count();
            national.kill();
            assertThat(reachedBeforeKill).as("killed in the middle").isLessThan(FOLLOWERS);

            peer.inboxDelay(0);
            NodeProcess restarted = NodeProcess.start(dir, env);
            try {
                restarted.awaitHealthy(port);
                until(
                        "every follower received the announcement after the restart",
                        () -> names.stream().allMatch(n -> received(peer, n, activityId)));
            } finally {
                restarted.close();
            }
        }
    }

    private static boolean received(FakePeer peer, String name, String activityId) {
        return peer.received(name).stream().anyMatch(body -> body.contains("\"id\":\"" + activityId + "\""));
    }

    private static void follow(SigningKey key, int port) {
        String actor = key.keyId().substring(0, key.keyId().indexOf('#'));
        HttpResponse<String> res = FakePeer.follow(
                key,
                URI.create("http://localhost:" + port + "/inbox"),
                URI.create("http://localhost:" + port + "/groups/national"),
                actor + "/follows/1");
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
    }

    private static String announce(int port) {
        HttpResponse<String> res = ApiClient.onPort(port, TOKEN)
                .post("/api/v1/announcements", ApiClient.object("content", "Strike fund update"));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(201);
        return ApiClient.json(res).get("activity").asText();
    }
}
