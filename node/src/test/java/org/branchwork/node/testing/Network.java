package org.branchwork.node.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for servers a test starts itself. */
public final class Network {

    private Network() {}

    /**
     * A port free on 127.0.0.1 now, for a server that must come back on the same port (a node
     * restarted, a process run twice). Servers that need no fixed port bind port 0 instead.
     */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
