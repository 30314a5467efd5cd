package org.branchwork.node.it;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signing in on a real node with a real (in-process) SMTP server: where it leads afterwards (the
 * whole path asked, never off the node or into a header), and its limits (reset mails, attempts).
 */
class SignInIT {

    private static final String PASSWORD = "correct horse battery";

    @RegisterExtension
    final NodeWithMail nodes = new NodeWithMail();

    private TestMail mail;
    private Node node;

    @BeforeEach
    void start() {
        mail = nodes.mail();
        node = nodes.node();
    }

    @Test
    void aSignInNextThatWouldLeaveTheNodeOrAddHeadersGoesToTheDashboard() {
        for (String next : List.of(
                "/me\r\nSet-Cookie: evil=1",
                "/me\nRefresh: 0;url=https://evil.example/",
                "/\t/evil.example/x",
                "/\\evil.example/x",
                "//evil.example/x",
                "https://evil.example/")) {
            Browser b = new Browser(node);
            b.get("/signin?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> res =
                    b.post("/signin", Map.of("email", "admin@stockport.test", "password", PASSWORD, "next", next));
            assertThat(res.statusCode()).as(next).isEqualTo(303);
            assertThat(res.headers().firstValue("Location")).as(next).hasValue("/me");
            assertThat(res.headers().allValues("Set-Cookie")).as(next).noneMatch(c -> c.startsWith("evil"));
            assertThat(res.headers().firstValue("Refresh")).as(next).isEmpty();
        }
        Browser b = new Browser(node);
        b.get("/signin");
        assertThat(b.post("/signin", Map.of("email", "admin@stockport.test", "password", PASSWORD, "next", "/admin"))
                        .headers()
                        .firstValue("Location"))
                .hasValue("/admin");
    }

    @Test
    void signingInComesBackToTheWholePathAndQueryAsked() {
        // Pages mounted under /organise see only their own part of the path: the way back is whole.
        Browser b = new Browser(node);
        HttpResponse<String> asked = b.get("/organise/members/2?saved=1");
        assertThat(asked.statusCode()).isEqualTo(303);
        String location = asked.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/signin?next=%2Forganise%2Fmembers%2F2%3Fsaved%3D1");
        String next = java.net.URLDecoder.decode(
                location.substring(location.indexOf('=') + 1), java.nio.charset.StandardCharsets.UTF_8);
        b.get(location);
        assertThat(b.post("/signin", Map.of("email", "admin@stockport.test", "password", PASSWORD, "next", next))
                        .headers()
                        .firstValue("Location"))
                .hasValue("/organise/members/2?saved=1");
    }

    @Test
    void passwordResetMailsToOneAddressStopAtThreeAnHourWithTheSameAnswer() {
        Browser b = new Browser(node);
        for (int i = 0; i < 6; i++) {
            b.get("/password-reset");
            HttpResponse<String> res = b.post("/password-reset", Map.of("email", "Admin@Stockport.test"));
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.body()).contains("If that address belongs to a member");
        }
        assertThat(mail.count("admin@stockport.test")).isEqualTo(3);
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameAnswerAndTheLimitIs25() {
        Browser b = new Browser(node);
        b.get("/signin");
        HttpResponse<String> wrong =
                b.post("/signin", Map.of("email", "admin@stockport.test", "password", "wrong password!"));
        HttpResponse<String> unknown =
                b.post("/signin", Map.of("email", "nobody@stockport.test", "password", "wrong password!"));
        assertThat(wrong.statusCode()).isEqualTo(401).isEqualTo(unknown.statusCode());
        assertThat(errorOf(wrong.body())).isEqualTo(errorOf(unknown.body()));

        for (int i = 2; i < 25; i++) {
            assertThat(b.post("/signin", Map.of("email", "x" + i + "@stockport.test", "password", "wrong password!"))
                            .statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> throttled =
                b.post("/signin", Map.of("email", "admin@stockport.test", "password", PASSWORD));
        assertThat(throttled.statusCode())
                .as("the 26th attempt from one address in 5 minutes")
                .isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    private static String errorOf(String html) {
        Matcher m = Pattern.compile("<p class=\"error\" id=\"password-error\">([^<]*)</p>")
                .matcher(html);
        return m.find() ? m.group(1) : "(none)";
    }
}
