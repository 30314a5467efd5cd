package org.branchwork.node.it;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.branchwork.node.Node;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Http;

import static org.assertj.core.api.Assertions.assertThat;

/** A cookie-keeping HTTP client that fills in forms the way a browser would, CSRF token included. */
final class Browser {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final Node node;
    private final HttpClient http = Http.client(new CookieManager());
    private String csrf = "";

    Browser(Node node) {
        this.node = node;
    }

    /** A browser signed in as {@code admin}, checked to have been let in. */
    static Browser signedIn(Node node, Fixtures.Admin admin) {
        return signedIn(node, admin.email(), admin.password());
    }

    static Browser signedIn(Node node, String email, String password) {
        Browser b = new Browser(node);
        b.get("/signin");
        HttpResponse<String> res = b.post("/signin", Map.of("email", email, "password", password));
        assertThat(res.statusCode())
                .as("signing in as %s: %s", email, res.body())
                .isEqualTo(303);
        return b;
    }

    HttpResponse<String> get(String path) {
        HttpResponse<String> res = send(HttpRequest.newBuilder(uri(path))
                .header("Accept", "text/html")
                .GET()
                .build());
        Matcher m = CSRF.matcher(res.body());
        if (m.find()) {
            csrf = m.group(1);
        }
        return res;
    }

    /** Posts a form with the CSRF token of the last page fetched. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new java.util.LinkedHashMap<>(fields);
        all.putIfAbsent("csrf", csrf);
        return postRaw(path, all);
    }

    HttpResponse<String> postRaw(String path, Map<String, String> fields) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(Http.form(fields))
                .build());
    }

    HttpResponse<String> send(HttpRequest request) {
        return Http.send(http, request);
    }

    String csrf() {
        return csrf;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }
}
