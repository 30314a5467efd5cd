package org.branchwork.node;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.testing.NodeUnderTest;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees in the log of a plain start (the bundled {@code logging.properties}). */
class LoggingConfigTest {

    @RegisterExtension
    final NodeUnderTest nodes = new NodeUnderTest();

    @Test
    void logLinesArePlainTextWithoutEscapeSequences() throws IOException {
        Properties logging = bundledLoggingProperties();
        String format = logging.getProperty("java.util.logging.SimpleFormatter.format");

        // What SimpleFormatter does with the format: date, source, logger, level, message, thrown.
        String line = String.format(
                format,
                ZonedDateTime.of(2026, 12, 2, 9, 30, 0, 0, ZoneId.of("UTC")),
                "org.branchwork.node.Node start",
                "org.branchwork.node.Node",
                "WARNING",
                "Something to look at",
                "");

        assertThat(format).doesNotContain("\u001b").doesNotContain("%X");
        assertThat(line)
                .isEqualTo("2026-12-02T09:30:00.000 WARNING org.branchwork.node.Node: Something to look at"
                        + System.lineSeparator());
        assertThat(logging.getProperty("handlers")).isEqualTo("io.helidon.logging.jul.HelidonConsoleHandler");
    }

    @Test
    void flywaysNoRowsWarningsFromMigrationsAreNotLogged() throws IOException {
        Properties logging = bundledLoggingProperties();

        assertThat(logging.getProperty("org.flywaydb.core.internal.sqlscript.DefaultSqlScriptExecutor.level"))
                .isEqualTo("SEVERE");
        assertThat(logging.getProperty("org.flywaydb.level")).isEqualTo("WARNING");
    }

    @Test
    void setUpLinkIsLoggedAtInfo() {
        Logger nodeLog = Logger.getLogger(Node.class.getName());
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        nodeLog.addHandler(recorder);
        try {
            Node node = nodes.start(Map.of());

            LogRecord setup = records.stream()
                    .filter(r -> r.getMessage().startsWith("This node is not set up yet."))
                    .findFirst()
                    .orElseThrow();
            assertThat(setup.getLevel()).isEqualTo(Level.INFO);
            assertThat(setup.getMessage())
                    .contains(node.origin().uri() + "/setup?code="
                            + node.setupCode().orElseThrow());
        } finally {
            nodeLog.removeHandler(recorder);
        }
    }

    private static Properties bundledLoggingProperties() throws IOException {
        Properties p = new Properties();
        try (InputStream in = LoggingConfigTest.class.getResourceAsStream("/logging.properties")) {
            assertThat(in).as("logging.properties on the class path").isNotNull();
            p.load(in);
        }
        return p;
    }
}
