package org.branchwork.node.it;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;
import org.branchwork.node.testing.TempFolders;

/**
 * A set-up stockport node (admin {@link Admin#ADA}) that mails through a real in-process SMTP
 * server, new for each test: on an instance {@code @RegisterExtension} field.
 */
final class NodeWithMail implements BeforeEachCallback, AfterEachCallback {

    private final java.time.Clock clock;
    private Path dataDir;
    private TestMail mail;
    private Node node;

    NodeWithMail() {
        this(java.time.Clock.systemUTC());
    }

    /** With the clock the node reads (a {@code TestClock} to move time on). */
    NodeWithMail(java.time.Clock clock) {
        this.clock = clock;
    }

    Node node() {
        return node;
    }

    TestMail mail() {
        return mail;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        dataDir = TempFolders.create("branchwork-it-mail-");
        mail = new TestMail();
        Map<String, String> env = new LinkedHashMap<>(TestNodes.federatingEnvironment("stockport"));
        env.putAll(mail.nodeEnvironment());
        node = TestNodes.start(dataDir, env, clock);
        Fixtures.setUpBranch(node, Admin.ADA);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (node != null) {
            node.close();
        }
        if (mail != null) {
            mail.close();
        }
        TempFolders.delete(dataDir);
    }
}
