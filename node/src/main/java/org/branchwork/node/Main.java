package org.branchwork.node;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.helidon.logging.common.LogConfig;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.config.NodeConfigLoader;
import org.branchwork.node.config.StartupException;

/**
 * Starts a node from the environment and the command line ({@code --config FILE}), or with
 * {@code backup DIR [--config FILE]} backs a stopped node's data up ({@link BackupCommand}).
 */
public final class Main {

    private static final Logger LOG = Logger.getLogger(Main.class.getName());

    private Main() {}

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        if (BackupCommand.isAsked(args)) {
            try {
                Path target = BackupCommand.target(args);
                NodeConfig config = new NodeConfigLoader(System.getenv(), BackupCommand.rest(args)).load();
                var backup = BackupCommand.run(config, target);
                System.out.println("branchwork: backed up to " + backup.folder().toAbsolutePath() + " ("
                        + backup.files().size()
                        + " files, " + backup.bytes() + " bytes, "
                        + backup.took().toMillis() + " ms); restore by starting a "
                        + "node with BRANCHWORK_DATA_DIR on a copy of it");
                return;
            } catch (StartupException | IllegalArgumentException e) {
                System.err.println("branchwork: cannot back up: " + e.getMessage());
                System.exit(2);
            }
        }
        try {
            NodeConfig config = new NodeConfigLoader(System.getenv(), List.of(args)).load();
            // Registered before start, so that a SIGTERM the moment /health turns green still
            // shuts the database down cleanly.
            AtomicReference<Node> running = new AtomicReference<>();
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                Node node = running.get();
                                if (node != null) {
                                    node.close();
                                    // java.util.logging resets itself in its own shutdown hook, so a log line here may
                                    // be lost.
                                    System.err.println("branchwork: stopped cleanly");
                                }
                            },
                            "branchwork-shutdown"));
            running.set(Node.start(config));
        } catch (StartupException e) {
            // The operator sees one line naming what to fix; the cause is for whoever raises the log level.
            System.err.println("branchwork: cannot start: " + e.getMessage());
            LOG.log(Level.FINE, "Start-up failure", e);
            System.exit(2);
        }
    }
}
