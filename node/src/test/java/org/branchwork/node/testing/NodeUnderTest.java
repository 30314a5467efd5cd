package org.branchwork.node.testing;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;

/**
 * A test's node on a data folder of its own: started by the test (each wants its own environment),
 * closed and its folder deleted after it. Registered on an instance field ({@code @RegisterExtension}).
 */
public final class NodeUnderTest implements AfterEachCallback {

    private Path dataDir;
    private Node node;

    /** Starts the node on this test's data folder, new on the first start. */
    public Node start(Map<String, String> environment) {
        if (node != null) {
            throw new IllegalStateException("the node is running; restart it instead");
        }
        node = TestNodes.start(dataDir(), environment);
        return node;
    }

    /** Stops the node and starts it again on the same data folder, as an operator's restart would. */
    public Node restart(Map<String, String> environment) {
        close();
        return start(environment);
    }

    private Path dataDir() {
        if (dataDir == null) {
            dataDir = TempFolders.create("branchwork-test-node-");
        }
        return dataDir;
    }

    private void close() {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
        TempFolders.delete(dataDir);
    }
}
