package org.branchwork.node.it;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.BackupCommand;
import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * A node with 10,000 members is backed up while it serves reads and writes; the backup, copied
 * into a fresh folder, starts as the same node: same members, same keys. The command-line form
 * backs up a stopped node the same way.
 */
class BackupRestoreIT {

    private static final int MEMBERS = 10_000;

    @TempDir
    Path dir;

    @Test
    void aBackupTakenUnderLoadRestoresIntoAFreshFolderAsTheSameNode() throws Exception {
        Path data = dir.resolve("data");
        Map<String, String> env = TestNodes.federatingEnvironment("stockport");
        String members;
        String key;
        Path backup;
        Node node = TestNodes.start(data, env);
        try {
            Fixtures.setUpBranch(node, Admin.ADA);
            importMembers(node);
            until("all members are in", () -> total(node) == MEMBERS + 1);

            AtomicBoolean load = new AtomicBoolean(true);
            AtomicInteger served = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            Thread traffic = Thread.ofVirtual().start(() -> {
                for (int i = 0; load.get(); i++) {
                    if (api(node, "GET", "/api/v1/members?q=member" + (i % 100), null)
                                            .statusCode()
                                    != 200
                            || api(
                                                    node,
                                                    "POST",
                                                    "/api/v1/announcements",
                                                    "{\"content\": \"During the backup " + i + "\"}")
                                            .statusCode()
                                    != 201) {
                        failed.incrementAndGet();
                    }
                    served.incrementAndGet();
                }
            });
            until("traffic flows", () -> served.get() > 5);
            HttpResponse<String> taken = api(node, "POST", "/api/v1/admin/backup", "{}");
            int before = served.get();
            until("traffic goes on after the backup", () -> served.get() > before + 5);
            load.set(false);
            traffic.join();
            assertThat(taken.statusCode()).as(taken.body()).isEqualTo(201);
            Matcher path = Pattern.compile("\"path\":\"([^\"]+)\"").matcher(taken.body());
            assertThat(path.find()).isTrue();
            backup = Path.of(path.group(1));
            assertThat(backup).startsWith(data.toAbsolutePath().resolve("backups"));
            assertThat(failed.get())
                    .as("no request failed while the backup ran")
                    .isZero();
            members = api(node, "GET", "/api/v1/members?sort=name&pageSize=500", null)
                    .body();
            key = TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(node, "/groups/stockport"))
                            .header("Accept", "application/activity+json")
                            .GET()
                            .build())
                    .body();
        } finally {
            node.close();
        }

        Path restored = dir.resolve("restored");
        copy(backup, restored);
        Node again = TestNodes.start(restored, env);
        try {
            assertThat(total(again)).isEqualTo(MEMBERS + 1);
            assertThat(api(again, "GET", "/api/v1/members?sort=name&pageSize=500", null)
                            .body())
                    .isEqualTo(members);
            assertThat(publicKey(TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(again, "/groups/stockport"))
                                    .header("Accept", "application/activity+json")
                                    .GET()
                                    .build())
                            .body()))
                    .isEqualTo(publicKey(key));
        } finally {
            again.close();
        }

        // The command line's form, on the stopped node.
        Path offline = dir.resolve("offline");
        BackupCommand.run(TestNodes.config(data, env), offline);
        Node third = TestNodes.start(offline, env);
        try {
            assertThat(total(third)).isEqualTo(MEMBERS + 1);
        } finally {
            third.close();
        }
    }

    private static void importMembers(Node node) {
        Browser admin = Browser.signedIn(node, Admin.ADA);
        admin.get("/organise/import");
        StringBuilder csv = new StringBuilder("name,email,postcode,phone,contact_consent,tags\n");
        for (int i = 0; i < MEMBERS; i++) {
            csv.append("Member ").append(i).append(",member").append(i).append("@example.org,SK1 3XE,,yes,\n");
        }
        String boundary = "----branchwork-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + admin.csrf()
                + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"members.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> uploaded = admin.send(HttpRequest.newBuilder(admin.uri("/organise/import"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(303);
        String status = uploaded.headers().firstValue("Location").orElseThrow();
        admin.get(status);
        assertThat(admin.post(status + "/start", Map.of()).headers().firstValue("Location"))
                .as("an import does not start before its basis for contact is stated")
                .hasValue(status + "?basis=missing");
        assertThat(admin.get(status + "?basis=missing").body()).contains("Say on what basis");
        assertThat(admin.post(status + "/start", Map.of("basis", "column")).statusCode())
                .isLessThan(400);
    }

    private static long total(Node node) {
        Matcher m = Pattern.compile("\"total\":(\\d+)")
                .matcher(api(node, "GET", "/api/v1/members?pageSize=1", null).body());
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static String publicKey(String actor) {
        Matcher m = Pattern.compile("\"publicKeyPem\":\"([^\"]+)\"").matcher(actor);
        assertThat(m.find()).as(actor).isTrue();
        return m.group(1);
    }

    private static HttpResponse<String> api(Node node, String method, String path, String json) {
        return TestNodes.api(node).call(method, path, json);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
