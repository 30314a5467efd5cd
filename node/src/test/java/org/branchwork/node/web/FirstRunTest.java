package org.branchwork.node.web;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.NodeUnderTest;

import static org.assertj.core.api.Assertions.assertThat;

class FirstRunTest {

    @RegisterExtension
    final NodeUnderTest nodes = new NodeUnderTest();

    @Test
    void setUpFormCreatesTheBranchAndItSurvivesARestart() {
        Node node = nodes.start(Map.of());
        String code = node.setupCode().orElseThrow();

        HttpResponse<String> form = TestNodes.get(node, "/setup?code=" + code);
        assertThat(Jsoup.parse(form.body()).select("input#code").val()).isEqualTo(code);

        HttpResponse<String> done = TestNodes.postForm(node, "/setup", validForm(code));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(done.headers().firstValue("Location")).contains("/me?welcome=setup");
        assertThat(node.setupCode()).isEmpty();
        String session = done.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith(org.branchwork.node.web.Sessions.COOKIE + "="))
                .map(c -> c.substring(0, c.indexOf(';')))
                .findFirst()
                .orElseThrow(() -> new AssertionError("set-up signs the admin in: " + done.headers()));
        Document dashboard = Jsoup.parse(
                TestNodes.send(java.net.http.HttpRequest.newBuilder(TestNodes.uri(node, "/me?welcome=setup"))
                                .header("Cookie", session)
                                .build())
                        .body());
        assertThat(dashboard.select("#next-steps + ol a").eachAttr("href"))
                .as("the admin sees what to do next")
                .containsExactly("/organise/members/new", "/admin/following", "/announcements/new", "/events/new");

        node = nodes.restart(Map.of());

        Document home = Jsoup.parse(TestNodes.get(node, "/").body());
        assertThat(home.select("h1").text()).isEqualTo("Momentum Stockport");
        assertThat(home.select(".handle strong").text()).startsWith("@stockport@");
        assertThat(home.select(".notice")).isEmpty();
        assertThat(node.setupCode()).isEmpty();
        assertThat(TestNodes.get(node, "/setup").statusCode()).isEqualTo(303);
    }

    @Test
    void wrongCodeIsRefusedAndStoresNothing() {
        Node node = nodes.start(Map.of());
        String code = node.setupCode().orElseThrow();

        HttpResponse<String> res = TestNodes.postForm(node, "/setup", validForm("not-the-code"));

        assertThat(res.statusCode()).isEqualTo(422);
        Document page = Jsoup.parse(res.body());
        assertThat(page.select("#code-error").text()).contains("does not match");
        assertThat(page.select("input#branchName").val()).isEqualTo("Momentum Stockport");
        assertThat(page.select("input#password").val()).isEmpty();
        assertThat(node.setupCode()).contains(code);
        assertThat(Jsoup.parse(TestNodes.get(node, "/").body()).select("form[action=/setup]"))
                .hasSize(1);
    }

    @Test
    void eachInvalidFieldGetsItsOwnMessage() {
        Node node = nodes.start(Map.of());
        Map<String, String> fields = validForm(node.setupCode().orElseThrow());
        fields.put("branchSlug", "Not A Handle");
        fields.put("adminEmail", "nobody");
        fields.put("passwordConfirmation", "something else");

        Document page = Jsoup.parse(TestNodes.postForm(node, "/setup", fields).body());

        assertThat(page.select("#branchSlug-error").text()).contains("lower-case");
        assertThat(page.select("#adminEmail-error").text()).contains("email");
        assertThat(page.select("#passwordConfirmation-error").text()).contains("differ");
        assertThat(page.select("#code-error")).isEmpty();
        assertThat(page.select("[role=alert] li")).hasSize(3);
        assertThat(page.select("input#branchSlug").attr("aria-invalid")).isEqualTo("true");
    }

    @Test
    void aBranchFromTheEnvironmentOnlyNeedsAnAdministrator() {
        Node node = nodes.start(Map.of("BRANCHWORK_BRANCH_NAME", "Momentum Stockport"));
        Document home = Jsoup.parse(TestNodes.get(node, "/").body());
        assertThat(home.select(".notice").text()).contains("no administrator");

        Document form = Jsoup.parse(TestNodes.get(node, "/setup").body());
        assertThat(form.select("input#branchName")).isEmpty();

        Map<String, String> fields = validForm(node.setupCode().orElseThrow());
        fields.remove("branchName");
        fields.remove("branchSlug");
        assertThat(TestNodes.postForm(node, "/setup", fields).statusCode()).isEqualTo(303);
        assertThat(Jsoup.parse(TestNodes.get(node, "/").body()).select(".notice"))
                .isEmpty();
    }

    @Test
    void aFormPostedTwiceCreatesOneAdministrator() {
        Node node = nodes.start(Map.of());
        Map<String, String> fields = validForm(node.setupCode().orElseThrow());

        assertThat(TestNodes.postForm(node, "/setup", fields).statusCode()).isEqualTo(303);
        assertThat(TestNodes.postForm(node, "/setup", fields).statusCode()).isEqualTo(409);
    }

    @Test
    void aBodyThatIsNotAFormIsABadRequest() {
        Node node = nodes.start(Map.of());

        HttpResponse<String> res = TestNodes.send(java.net.http.HttpRequest.newBuilder(TestNodes.uri(node, "/setup"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                .build());

        assertThat(res.statusCode()).isEqualTo(400);
        assertThat(node.setupCode()).isPresent();
    }

    private static Map<String, String> validForm(String code) {
        Map<String, String> fields = new HashMap<>();
        fields.put("code", code);
        fields.put("branchName", "Momentum Stockport");
        fields.put("branchSlug", "stockport");
        fields.put("adminName", "Sam Organiser");
        fields.put("adminEmail", "Sam@Example.org");
        fields.put("password", "correct horse battery");
        fields.put("passwordConfirmation", "correct horse battery");
        return fields;
    }
}
