package org.branchwork.node.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real nodes on loopback for a test across the network, by branch slug, each with its own SMTP
 * server when given one, and the fake peers the test talks through; all closed together.
 */
final class BranchNetwork implements AutoCloseable {

    private final Path dir;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    BranchNetwork(Path dir) {
        this.dir = dir;
    }

    /** A federating node for {@code slug} (delivery retries fast), with {@code mail} or none. */
    Node start(String slug, TestMail mail) {
        Map<String, String> env = new HashMap<>(TestNodes.federatingEnvironment(slug));
        env.put("BRANCHWORK_DELIVERY_FIRST_RETRY", "0.2");
        if (mail != null) {
            env.putAll(mail.nodeEnvironment());
            closing.add(mail);
        }
        Node node = TestNodes.start(dir.resolve(slug), env);
        nodes.put(slug, node);
        return node;
    }

    Node node(String slug) {
        return nodes.get(slug);
    }

    /** Stops one node before the others (to read its files), not closing it again at the end. */
    void stop(String slug) {
        nodes.remove(slug).close();
    }

    Collection<Node> nodes() {
        return nodes.values();
    }

    /** A fake fediverse server, closed with the nodes. */
    FakePeer peer() throws java.io.IOException {
        FakePeer peer = new FakePeer();
        closing.add(peer);
        return peer;
    }

    @Override
    public void close() {
        nodes.values().forEach(Node::close);
        for (AutoCloseable c : closing) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String slug(Node node) {
        return node.config().configuredBranchSlug().orElseThrow();
    }

    /** The branch's {@code Group} actor id, as its followers know it. */
    static String group(Node node) {
        return "http://localhost:" + node.port() + "/groups/" + slug(node);
    }

    /** The node's organiser (setting the branch up the first time), signed in. */
    static Browser signedInAdmin(Node node) {
        Fixtures.Admin organiser =
                new Fixtures.Admin("Organiser", "organiser@" + slug(node) + ".test", Fixtures.PASSWORD);
        if (node.setupCode().isPresent()) {
            Fixtures.setUpBranch(node, organiser);
        }
        return Browser.signedIn(node, organiser);
    }

    /** Someone who joins through the public form and confirms the address from the mail, signed in. */
    static Browser joined(Node node, TestMail mail, String name, String email) throws InterruptedException {
        Browser b = new Browser(node);
        b.get("/join");
        HttpResponse<String> joined = b.post(
                "/join",
                Map.of(
                        "name",
                        name,
                        "email",
                        email,
                        "postcode",
                        "SK1 3XE",
                        "phone",
                        "",
                        "password",
                        Fixtures.PASSWORD,
                        "passwordConfirmation",
                        Fixtures.PASSWORD));
        assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
        String link = mail.awaitLink(email);
        assertThat(b.get(link.substring(link.indexOf("/join"))).statusCode()).isEqualTo(303);
        return b;
    }
}
