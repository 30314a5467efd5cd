package org.branchwork.node.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.testing.Network;
import org.branchwork.node.testing.TemplateDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The packaged jar as an operator runs it: {@code java -jar}, environment variables, {@code kill -9}. */
class NodeProcessIT {

    @TempDir
    Path work;

    private NodeProcess node;

    @AfterEach
    void kill() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void restartsOnTheSameDataFolderAfterKillMinus9() throws Exception {
        int port = Network.freePort();
        Path data = work.resolve("data");
        startHealthy(port, data, Map.of("BRANCHWORK_BRANCH_NAME", "Momentum Stockport"));
        assertThat(NodeProcess.get(port, "/").body()).contains("<h1>Momentum Stockport</h1>");

        node.kill();

        // No branch in the environment this time: the name must come from the database.
        startHealthy(port, data, Map.of());
        var home = NodeProcess.get(port, "/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<h1>Momentum Stockport</h1>");
    }

    @Test
    void stopsGracefullyOnSigterm() throws Exception {
        int port = Network.freePort();
        // The first start's migrations are the test above's; this one is about the way out.
        TemplateDatabase.seed(work.resolve("data"));
        Path script = work.resolve("data/db/branchwork.script");
        java.nio.file.attribute.FileTime seeded = java.nio.file.Files.getLastModifiedTime(script);
        startHealthy(port, work.resolve("data"), Map.of());

        node.process().destroy(); // SIGTERM: shutdown hook stops the server and shuts the database down

        assertThat(node.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(node.output()).contains("branchwork: stopped cleanly");
        // HSQLDB removes its lock file only on SHUTDOWN: its absence shows the database was closed cleanly.
        assertThat(work.resolve("data/db/branchwork.lck")).doesNotExist();
        // SHUTDOWN rewrites the script from the in-memory schema: newer than the seeded copy.
        assertThat(java.nio.file.Files.getLastModifiedTime(script)).isGreaterThan(seeded);
    }

    /** Starts the node as a process on {@code port} and {@code data}, plus {@code extra}, and waits until it is healthy. */
    private void startHealthy(int port, Path data, Map<String, String> extra) throws Exception {
        Map<String, String> env = new LinkedHashMap<>(extra);
        env.put("BRANCHWORK_PORT", Integer.toString(port));
        env.put("BRANCHWORK_DATA_DIR", data.toString());
        // Assigned before the wait, so that a node that never gets healthy is still killed after the test.
        node = NodeProcess.start(work, env);
        node.awaitHealthy(port);
    }

    @Test
    void badSettingStopsTheNodeWithOneLineAndNoStackTrace() throws Exception {
        node = NodeProcess.start(
                work,
                Map.of(
                        "BRANCHWORK_PORT",
                        "eighty",
                        "BRANCHWORK_DATA_DIR",
                        work.resolve("data").toString()));

        assertThat(node.process().waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(node.process().exitValue()).isEqualTo(2);
        List<String> lines = Files.readAllLines(work.resolve("out.txt"), StandardCharsets.UTF_8);
        assertThat(lines).first().asString().startsWith("branchwork: cannot start: BRANCHWORK_PORT");
        assertThat(String.join("\n", lines)).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
