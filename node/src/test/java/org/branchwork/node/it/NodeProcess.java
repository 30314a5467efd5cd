package org.branchwork.node.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A node run from the packaged jar as its own process, as an operator runs it. */
final class NodeProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("branchwork.jar", "target/branchwork-node.jar"));
    private static final String JAVA = ProcessHandle.current().info().command().orElse("java");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path workDir;
    private final Process process;

    private NodeProcess(Path workDir, Process process) {
        this.workDir = workDir;
        this.process = process;
    }

    /** Starts {@code java -jar} in {@code workDir} with only the given BRANCHWORK_* variables. */
    static NodeProcess start(Path workDir, Map<String, String> env) throws IOException {
        assertThat(JAR).as("the packaged jar (run through `mvn verify`)").exists();
        Files.createDirectories(workDir);
        ProcessBuilder pb = new ProcessBuilder(
                        JAVA, "-jar", JAR.toAbsolutePath().toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        workDir.resolve("out.txt").toFile()));
        pb.environment().keySet().removeIf(k -> k.startsWith("BRANCHWORK_"));
        pb.environment().put("BRANCHWORK_HOST", "127.0.0.1");
        pb.environment().putAll(env);
        return new NodeProcess(workDir, pb.start());
    }

    Process process() {
        return process;
    }

    /** Waits (bounded) until {@code /health} answers 200. */
    void awaitHealthy(int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            assertThat(process.isAlive())
                    .as("node process is running; its output: %s", output())
                    .isTrue();
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

    /** SIGKILL: no shutdown hook, no database checkpoint. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    String output() throws IOException {
        Path out = workDir.resolve("out.txt");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
