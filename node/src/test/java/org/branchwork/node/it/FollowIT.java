package org.branchwork.node.it;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/** Real nodes on loopback ports following each other over real, signed HTTP. */
class FollowIT {

    @TempDir
    Path dir;

    private Node national;
    private Node stockport;

    @BeforeEach
    void start() {
        national = node("national", "Momentum National");
        stockport = node("stockport", "Momentum Stockport");
    }

    @AfterEach
    void stop() {
        if (stockport != null) {
            stockport.close();
        }
        if (national != null) {
            national.close();
        }
    }

    @Test
    void aBranchFollowsByHandleAndIsAcceptedThenUnfollows() {
        HttpResponse<String> follow = api(
                stockport, "POST", "/api/v1/follows", "{\"target\": \"@national@localhost:" + national.port() + "\"}");

        assertThat(follow.statusCode()).as(follow.body()).isEqualTo(202);
        assertThat(follow.body()).contains("\"state\":\"pending\"").contains("/groups/national");

        until(
                "national records stockport as a follower",
                () -> national.inspect().followerCount() == 1);
        until(
                "stockport sees its follow accepted",
                () -> api(stockport, "GET", "/api/v1/follows", null).body().contains("\"state\":\"accepted\""));
        assertThat(TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(national, "/groups/national/followers"))
                                .header("Accept", "application/activity+json")
                                .build())
                        .body())
                .contains("\"totalItems\":1");
        assertThat(stockport.inspect().deliveryCounts().dead()).isZero();
        assertThat(national.inspect().deliveryCounts().dead()).isZero();

        HttpResponse<String> unfollow = api(
                stockport,
                "DELETE",
                "/api/v1/follows?target=http://localhost:" + national.port() + "/groups/national",
                null);
        assertThat(unfollow.statusCode()).isEqualTo(204);
        until("national drops the follower after Undo", () -> national.inspect().followerCount() == 0);
    }

    @Test
    void theApiRefusesRequestsWithoutTheAdminToken() {
        HttpResponse<String> res = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(stockport, "/api/v1/follows"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"target\": \"@national@localhost:" + national.port() + "\"}"))
                .build());

        assertThat(res.statusCode()).isEqualTo(401);
        assertThat(res.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(national.inspect().followerCount()).isZero();
    }

    @Test
    void anUnknownTargetIsAClearErrorAndStoresNothing() {
        HttpResponse<String> res = api(
                stockport, "POST", "/api/v1/follows", "{\"target\": \"@nobody@localhost:" + national.port() + "\"}");

        assertThat(res.statusCode()).isEqualTo(422);
        assertThat(res.body()).contains("unresolvable_target");
        assertThat(api(stockport, "GET", "/api/v1/follows", null).body()).isEqualTo("[]");
    }

    private Node node(String slug, String name) {
        Map<String, String> env = new HashMap<>(TestNodes.federatingEnvironment(slug));
        env.put("BRANCHWORK_BRANCH_NAME", name);
        return TestNodes.start(dir.resolve(slug), env);
    }

    private static HttpResponse<String> api(Node node, String method, String path, String json) {
        return TestNodes.api(node).call(method, path, json);
    }
}
