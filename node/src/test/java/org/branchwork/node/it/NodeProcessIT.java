package org.branchwork.node.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar as an operator runs it: {@code java -jar}, environment variables, {@code kill -9}. */
class NodeProcessIT {

    private static final Path JAR = Path.of(System.getProperty("branchwork.jar", "target/branchwork-node.jar"));
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path work;

    private Process process;

    @AfterEach
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void restartsOnTheSameDataFolderAfterKillMinus9() throws Exception {
        int port = freePort();
        Path data = work.resolve("data");
        process = start(Map.of("BRANCHWORK_PORT", Integer.toString(port), "BRANCHWORK_DATA_DIR", data.toString(),
                "BRANCHWORK_BRANCH_NAME", "Momentum Stockport"));
        awaitHealthy(port);
        assertThat(get(port, "/").body()).contains("<h1>Momentum Stockport</h1>");

        process.destroyForcibly();  // SIGKILL: no shutdown hook, no database checkpoint
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();

        // No branch in the environment this time: the name must come from the database.
        process = start(Map.of("BRANCHWORK_PORT", Integer.toString(port), "BRANCHWORK_DATA_DIR", data.toString()));
        awaitHealthy(port);
        HttpResponse<String> home = get(port, "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<h1>Momentum Stockport</h1>");
    }

    @Test
    void stopsGracefullyOnSigterm() throws Exception {
        int port = freePort();
        process = start(Map.of("BRANCHWORK_PORT", Integer.toString(port),
                "BRANCHWORK_DATA_DIR", work.resolve("data").toString()));
        awaitHealthy(port);

        process.destroy();  // SIGTERM: shutdown hook stops the server and shuts the database down

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(work.resolve("out.txt"))).contains("branchwork: stopped cleanly");
        // HSQLDB removes its lock file only on SHUTDOWN: its absence shows the database was closed cleanly.
        assertThat(work.resolve("data/db/branchwork.lck")).doesNotExist();
        assertThat(work.resolve("data/db/branchwork.script")).exists();
    }

    @Test
    void badSettingStopsTheNodeWithOneLineAndNoStackTrace() throws Exception {
        process = start(Map.of("BRANCHWORK_PORT", "eighty", "BRANCHWORK_DATA_DIR", work.resolve("data").toString()));

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        List<String> lines = Files.readAllLines(work.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(lines).first().asString().startsWith("branchwork: cannot start: BRANCHWORK_PORT");
        assertThat(String.join("\n", lines)).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private Process start(Map<String, String> env) throws IOException {
        assertThat(JAR).as("the packaged jar (run through `mvn verify`)").exists();
        ProcessBuilder pb = new ProcessBuilder(JAVA, "-jar", JAR.toAbsolutePath().toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("out.txt").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("BRANCHWORK_"));
        pb.environment().put("BRANCHWORK_HOST", "127.0.0.1");
        pb.environment().putAll(env);
        return pb.start();
    }

    private void awaitHealthy(int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive()).as("node process is running; its output: %s", output()).isTrue();
            try {
                if (get(port, "/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node did not become healthy within 60 s; output: " + output());
    }

    private String output() throws IOException {
        Path out = work.resolve("out.txt");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
