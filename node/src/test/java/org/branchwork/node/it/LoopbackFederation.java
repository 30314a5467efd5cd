package org.branchwork.node.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.TempFolders;

/**
 * Fake peers and a real stockport branch node that federates with them over loopback. On a static
 * {@code @RegisterExtension} field they live for the class (the tests then must not depend on
 * each other's followers); on an instance field each test gets new ones.
 */
final class LoopbackFederation implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final int peerCount;
    private final List<FakePeer> peers = new ArrayList<>();
    private boolean perClass;
    private Path dataDir;
    private Node node;

    LoopbackFederation(int peerCount) {
        this.peerCount = peerCount;
    }

    Node node() {
        return node;
    }

    FakePeer peer() {
        return peer(0);
    }

    FakePeer peer(int index) {
        return peers.get(index);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (!perClass) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            stop();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private void start() {
        try {
            for (int i = 0; i < peerCount; i++) {
                peers.add(new FakePeer());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dataDir = TempFolders.create("branchwork-it-node-");
        node = TestNodes.federating(dataDir, "stockport");
    }

    private void stop() {
        if (node != null) {
            node.close();
            node = null;
        }
        peers.forEach(FakePeer::close);
        peers.clear();
        TempFolders.delete(dataDir);
    }
}
