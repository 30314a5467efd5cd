package org.branchwork.node.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The node's HTTP/1.1 rules, on a server with one route that writes whatever header it is told to. */
class HttpProtocolTest {

    @Test
    void aResponseHeaderCarryingCrLfIsNeverWritten() throws Exception {
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .addProtocol(HttpProtocol.http1())
                .routing(r -> r.get(
                        "/echo",
                        (req, res) -> res.header(
                                        "X-Echo", req.query().first("v").orElse(""))
                                .send("ok")))
                .build()
                .start();
        try {
            HttpResponse<String> plain = get(server.port(), "/echo?v=fine");
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(plain.headers().firstValue("X-Echo")).hasValue("fine");

            try {
                HttpResponse<String> injected = get(server.port(), "/echo?v=x%0d%0aSet-Cookie:%20evil=1");
                assertThat(injected.statusCode()).isNotEqualTo(200);
                assertThat(injected.headers().allValues("Set-Cookie")).isEmpty();
                assertThat(injected.headers().firstValue("X-Echo")).isEmpty();
            } catch (IOException connectionClosedInstead) {
                // Also refused: nothing of the header reached the client.
                assertThat(connectionClosedInstead).isNotNull();
            }
        } finally {
            server.stop();
        }
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        try (HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
