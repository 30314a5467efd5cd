package org.branchwork.node.web;

import java.net.http.HttpResponse;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.NodeUnderTest;

import static org.assertj.core.api.Assertions.assertThat;

class NodeServerTest {

    @RegisterExtension
    final NodeUnderTest nodes = new NodeUnderTest();

    @Test
    void healthAnswers200WithStatusUp() {
        Node node = nodes.start(Map.of());

        HttpResponse<String> res = TestNodes.get(node, "/health");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(res.body()).contains("\"UP\"");
    }

    @Test
    void homeShowsTheBranchNameGivenByTheEnvironment() {
        Node node = nodes.start(Map.of("BRANCHWORK_BRANCH_NAME", "Momentum Stockport"));

        HttpResponse<String> res = TestNodes.get(node, "/");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        Document page = Jsoup.parse(res.body());
        assertThat(page.select("h1").text()).isEqualTo("Momentum Stockport");
        assertThat(page.title()).isEqualTo("Momentum Stockport");
        assertThat(page.select(".handle strong").text()).isEqualTo("@momentum_stockport@localhost:" + node.port());
        assertThat(page.select("html").attr("lang")).isEqualTo("en");
        assertThat(page.select("main#main")).hasSize(1);
    }

    @Test
    void homeIsTheSetUpFormWhileNoBranchIsConfigured() {
        Node node = nodes.start(Map.of());

        Document page = Jsoup.parse(TestNodes.get(node, "/").body());

        assertThat(page.select("form[action=/setup][method=post]")).hasSize(1);
        for (String field : new String[] {"code", "branchName", "branchSlug", "adminName", "adminEmail", "password"}) {
            assertThat(page.select("label[for=" + field + "]"))
                    .as("label for " + field)
                    .hasSize(1);
            assertThat(page.select("input#" + field)).as("input " + field).hasSize(1);
        }
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() {
        Node node = nodes.start(Map.of("BRANCHWORK_BRANCH_SLUG", "stockport"));

        for (String path : new String[] {"/", "/health", "/no/such/page"}) {
            HttpResponse<String> res = TestNodes.get(node, path);
            assertThat(res.headers().firstValue("Content-Security-Policy"))
                    .as(path)
                    .hasValueSatisfying(csp ->
                            assertThat(csp).contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
            assertThat(res.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .contains("nosniff");
            assertThat(res.headers().firstValue("Referrer-Policy")).as(path).isPresent();
        }
    }

    @Test
    void unknownPathsGetAnHtmlNotFoundPage() {
        Node node = nodes.start(Map.of("BRANCHWORK_BRANCH_SLUG", "stockport"));

        HttpResponse<String> res = TestNodes.get(node, "/no/such/page");

        assertThat(res.statusCode()).isEqualTo(404);
        assertThat(Jsoup.parse(res.body()).select("h1").text()).isEqualTo("Not found");
    }

    @Test
    void stylesheetIsServed() {
        Node node = nodes.start(Map.of());

        HttpResponse<String> res = TestNodes.get(node, "/static/style.css");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(res.body()).contains("--accent");
    }

    @Test
    void anUnchangedStylesheetIsA304WithoutBody() {
        Node node = nodes.start(Map.of());
        HttpResponse<String> first = TestNodes.get(node, "/static/style.css");
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again =
                TestNodes.send(java.net.http.HttpRequest.newBuilder(TestNodes.uri(node, "/static/style.css"))
                        .header("If-None-Match", etag)
                        .GET()
                        .build());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
    }
}
