package org.branchwork.node;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.config.Setting;
import org.branchwork.node.config.StartupException;

/** What {@link Node} checks and reads about its surroundings before it listens. */
final class StartupChecks {

    private StartupChecks() {}

    /**
     * Helidon logs a failed bind with a stack trace and returns a server that is not running; probing
     * first lets the operator see one line that names the port and the setting instead.
     */
    static void portIsFree(NodeConfig config) {
        if (config.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(config.host(), config.port()));
        } catch (BindException e) {
            throw new StartupException(
                    "Port " + config.port() + " on " + config.host()
                            + " is already in use or not allowed. Stop what uses it, or set " + Setting.PORT.variable()
                            + " to a free port.",
                    e);
        } catch (IOException e) {
            throw new StartupException(
                    "Cannot listen on " + config.host() + ":" + config.port() + ": " + e.getMessage() + ". Check "
                            + Setting.HOST.variable() + " and " + Setting.PORT.variable() + ".",
                    e);
        }
    }

    static String version() {
        String v = Node.class.getPackage().getImplementationVersion();
        return v != null ? v : "development";
    }
}
