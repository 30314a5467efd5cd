package org.branchwork.node;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.config.StartupException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StartupFailureTest {

    @TempDir
    Path dir;

    @Test
    void portInUseNamesThePortAndTheVariable() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            NodeConfig config = TestNodes.config(dir.resolve("data"), Map.of()).withPort(taken.getLocalPort());

            assertThatThrownBy(() -> Node.start(config))
                    .isInstanceOf(StartupException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort())
                    .hasMessageContaining("BRANCHWORK_PORT");
        }
    }

    @Test
    void dataFolderThatCannotBeCreatedIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> TestNodes.start(file.resolve("data"), Map.of()))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("BRANCHWORK_DATA_DIR")
                .hasMessageContaining(file.toString());
    }

    @Test
    void databaseFromANewerReleaseStopsTheNode() throws SQLException {
        Path data = dir.resolve("data");
        NodeConfig config = TestNodes.config(data, Map.of());
        Node.start(config).close();
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), "SA", "");
                Statement s = c.createStatement()) {
            s.executeUpdate("""
                    INSERT INTO "flyway_schema_history" ("installed_rank", "version", "description", "type", "script",
                      "checksum", "installed_by", "execution_time", "success")
                    VALUES (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 0, 'SA', 1, TRUE)
                    """);
            s.execute("SHUTDOWN");
        }

        assertThatThrownBy(() -> Node.start(config))
                .isInstanceOf(StartupException.class)
                .hasMessageContaining("newer Branchwork")
                .hasMessageContaining("999")
                .hasMessageContaining(data.toAbsolutePath().resolve("db").toString());
    }
}
