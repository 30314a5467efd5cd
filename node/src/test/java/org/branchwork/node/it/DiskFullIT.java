package org.branchwork.node.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * A node whose disk fills up: requests that write get a 503 problem and keep nothing, /health says
 * so, and once space returns the node works again by itself. The data folder is on a small tmpfs
 * mounted for the test (the machine's root may mount; elsewhere the test cannot run).
 */
class DiskFullIT {

    @TempDir
    Path dir;

    @Test
    void aFullDiskIsA503ThatNeedsNoRestartOnceSpaceReturns() throws Exception {
        Path mount = dir.resolve("small");
        Files.createDirectories(mount);
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", mount.toString());
        if (!mounted) {
            assertThat(System.getenv("CI"))
                    .as("CI must be able to mount a tmpfs for this test")
                    .isNotEqualTo("true");
            Assumptions.abort("cannot mount a tmpfs here");
        }
        try {
            Node node = TestNodes.start(mount.resolve("data"), TestNodes.federatingEnvironment("stockport"));
            try (FakePeer peer = new FakePeer()) {
                org.branchwork.protocol.sig.SigningKey nia = peer.actor("nia");
                java.net.URI inbox = java.net.URI.create("http://localhost:" + node.port() + "/inbox");
                java.net.URI branch = java.net.URI.create("http://localhost:" + node.port() + "/groups/stockport");
                assertThat(FakePeer.follow(nia, inbox, branch, peer.origin() + "/f/before")
                                .statusCode())
                        .isEqualTo(202);
                assertThat(post(node, "Before").statusCode()).isEqualTo(201);
                Path filler = mount.resolve("filler");
                fill(filler);

                HttpResponse<String> full = null;
                for (int i = 0; i < 50; i++) {
                    full = post(node, "While full " + i + " " + "x".repeat(15_000));
                    if (full.statusCode() != 201) {
                        break;
                    }
                }
                assertThat(full.statusCode()).as(full.body()).isEqualTo(503);
                assertThat(full.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(full.body()).contains("\"code\":\"storage_unavailable\"");
                until("health says so", () -> TestNodes.get(node, "/health").statusCode() == 503);
                byte[] big = ("{\"@context\":\"https://www.w3.org/ns/activitystreams\",\"id\":\"" + peer.origin()
                                + "/c/full\",\"type\":\"Create\",\"actor\":\"" + peer.actorId("nia")
                                + "\",\"object\":{\"id\":\""
                                + peer.origin() + "/n/full\",\"type\":\"Note\",\"attributedTo\":\""
                                + peer.actorId("nia")
                                + "\",\"content\":\"" + "x".repeat(300_000) + "\"}}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                HttpResponse<String> inboxFull = FakePeer.signedPost(nia, inbox, big);
                assertThat(inboxFull.statusCode())
                        .as("the inbox cannot store: the sender retries")
                        .isEqualTo(503);
                assertThat(inboxFull.body()).contains("storage_unavailable");

                Files.delete(filler);
                until("writes work again", () -> post(node, "After").statusCode() == 201);
                until("health is back", () -> TestNodes.get(node, "/health").statusCode() == 200);
                String list = TestNodes.api(node).get("/api/v1/announcements").body();
                assertThat(list).contains("Before").contains("After");
            } finally {
                node.close();
            }
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            // no space left: that is the point
        }
    }

    private static HttpResponse<String> post(Node node, String text) {
        return TestNodes.api(node).post("/api/v1/announcements", ApiClient.object("content", text));
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
