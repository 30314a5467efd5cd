package org.branchwork.node.federation;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.nodeinfo.NodeInfoCodec;
import org.branchwork.protocol.sig.Multikey;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.vocab.Actor;
import org.branchwork.protocol.vocab.ActorType;
import org.branchwork.protocol.webfinger.Jrd;

import static org.assertj.core.api.Assertions.assertThat;

/** Every test but the restart only reads, so they share one node (a node's start generates its keys). */
class DiscoveryTest {

    private static final String AS_JSON = "application/activity+json";
    private static final String LD_JSON = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    private static final Map<String, String> ENVIRONMENT =
            Map.of("BRANCHWORK_BRANCH_NAME", "Momentum Stockport", "BRANCHWORK_BRANCH_SLUG", "stockport");

    @TempDir
    static Path dataDir;

    private static Node node;
    private final ActivityCodec codec = new ActivityCodec();

    @BeforeAll
    static void start() {
        node = TestNodes.start(dataDir.resolve("shared"), ENVIRONMENT);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void webFingerResolvesTheHandleToTheGroupActorAndBack() {
        String handle = "acct:stockport@localhost:" + node.port();

        HttpResponse<String> res =
                get("/.well-known/webfinger?resource=" + URLEncoder.encode(handle, StandardCharsets.UTF_8), "*/*");

        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/jrd+json"));
        Jrd jrd = Jrd.parse(res.body().getBytes(StandardCharsets.UTF_8));
        assertThat(jrd.subject()).isEqualTo(handle);
        URI actorId = jrd.actorId().orElseThrow();
        Actor actor = actor(actorId.getRawPath(), AS_JSON);
        assertThat(actor.id()).contains(actorId);
        // Mastodon's check: the actor's preferredUsername and host give the same acct: again.
        assertThat("acct:" + actor.preferredUsername() + "@" + actorId.getAuthority())
                .isEqualTo(handle);

        HttpResponse<String> byUrl = get(
                "/.well-known/webfinger?resource=" + URLEncoder.encode(actorId.toString(), StandardCharsets.UTF_8),
                "*/*");
        assertThat(Jrd.parse(byUrl.body().getBytes(StandardCharsets.UTF_8)).subject())
                .isEqualTo(handle);
    }

    @Test
    void groupActorCarriesKeysInboxesAndNoMemberData() {
        Actor group = actor("/groups/stockport", AS_JSON);

        assertThat(group.kind()).isEqualTo(ActorType.GROUP);
        assertThat(group.core().name().best()).contains("Momentum Stockport");
        assertThat(group.inbox()).isEqualTo(URI.create(origin() + "/groups/stockport/inbox"));
        assertThat(group.outbox()).isEqualTo(URI.create(origin() + "/groups/stockport/outbox"));
        assertThat(group.followers()).isEqualTo(URI.create(origin() + "/groups/stockport/followers"));
        assertThat(group.following()).isEqualTo(URI.create(origin() + "/groups/stockport/following"));
        assertThat(group.endpoints().sharedInbox()).isEqualTo(URI.create(origin() + "/inbox"));
        var key = group.publicKeys().get(0);
        assertThat(key.owner()).isEqualTo(group.id().orElseThrow());
        assertThat(key.id()).isEqualTo(URI.create(origin() + "/groups/stockport#main-key"));
        assertThat(((java.security.interfaces.RSAPublicKey) Pem.readPublicKey(key.publicKeyPem()))
                        .getModulus()
                        .bitLength())
                .isEqualTo(2048);
        var multikey = group.assertionMethods().get(0);
        assertThat(multikey.controller()).isEqualTo(group.id().orElseThrow());
        assertThat(Multikey.decodePublic(multikey.publicKeyMultibase()).getAlgorithm())
                .isIn("Ed25519", "EdDSA");
    }

    @Test
    void theSameUrlServesJsonToServersAndSendsBrowsersToThePage() {
        HttpResponse<String> ld = get("/groups/stockport", LD_JSON);
        assertThat(ld.statusCode()).isEqualTo(200);
        assertThat(ld.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith(AS_JSON));
        assertThat(ld.headers().firstValue("Vary")).contains("Accept");

        HttpResponse<String> browser = get("/groups/stockport", "text/html,application/xhtml+xml");
        assertThat(browser.statusCode()).isEqualTo(303);
        assertThat(browser.headers().firstValue("Location")).contains("/");
    }

    @Test
    void instanceActorIsAnApplicationWithItsOwnKeys() {
        Actor instance = actor("/actor", AS_JSON);
        Actor group = actor("/groups/stockport", AS_JSON);

        assertThat(instance.kind()).isEqualTo(ActorType.APPLICATION);
        assertThat(instance.preferredUsername()).isNotEqualTo(group.preferredUsername());
        assertThat(instance.publicKeys().get(0).publicKeyPem())
                .isNotEqualTo(group.publicKeys().get(0).publicKeyPem());
    }

    @Test
    void keysSurviveARestart() {
        Path own = dataDir.resolve("restarted");
        String before;
        try (Node first = TestNodes.start(own, ENVIRONMENT)) {
            before = actor(first, "/groups/stockport", AS_JSON)
                    .publicKeys()
                    .get(0)
                    .publicKeyPem();
        }
        try (Node again = TestNodes.start(own, Map.of("BRANCHWORK_BRANCH_SLUG", "stockport"))) {
            assertThat(actor(again, "/groups/stockport", AS_JSON)
                            .publicKeys()
                            .get(0)
                            .publicKeyPem())
                    .isEqualTo(before);
        }
    }

    @Test
    void unknownResourcesAreNotFoundAndBadOnesBadRequests() {
        String host = "localhost:" + node.port();
        assertThat(get("/.well-known/webfinger?resource=acct:nobody@" + host, "*/*")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/.well-known/webfinger?resource=acct:sam%40example.org@" + host, "*/*")
                        .statusCode())
                .isIn(400, 404);
        assertThat(get("/.well-known/webfinger?resource=acct:stockport@elsewhere.example", "*/*")
                        .statusCode())
                .isEqualTo(404);
        assertThat(get("/.well-known/webfinger", "*/*").statusCode()).isEqualTo(400);
        assertThat(get("/groups/nobody", AS_JSON).statusCode()).isEqualTo(404);
    }

    @Test
    void nodeInfoIsDiscoverableAndSaysBranchwork() {
        Jrd links = Jrd.parse(get("/.well-known/nodeinfo", "*/*").body().getBytes(StandardCharsets.UTF_8));
        URI document = new NodeInfoCodec().preferredLink(links).orElseThrow();

        HttpResponse<String> res = get(document.getRawPath(), "*/*");

        var read =
                (NodeInfoCodec.Result.Read) new NodeInfoCodec().read(res.body().getBytes(StandardCharsets.UTF_8));
        assertThat(read.nodeInfo().software().name()).isEqualTo("branchwork");
        assertThat(read.nodeInfo().protocols()).containsExactly("activitypub");
        assertThat(read.nodeInfo().nodeName()).isEqualTo("Momentum Stockport");
    }

    @Test
    void hostMetaAndTheExtensionContextAreServed() {
        assertThat(get("/.well-known/host-meta", "*/*").body()).contains("/.well-known/webfinger?resource={uri}");
        HttpResponse<String> context = get("/ns/branchwork", "application/ld+json");
        assertThat(context.statusCode()).isEqualTo(200);
        assertThat(context.body()).contains("\"bw\"").contains("https://w3id.org/branchwork#");
    }

    private Actor actor(String path, String accept) {
        return actor(node, path, accept);
    }

    private Actor actor(Node on, String path, String accept) {
        HttpResponse<String> res = get(on, path, accept);
        assertThat(res.statusCode()).as(path).isEqualTo(200);
        Decoded decoded = codec.read(res.body());
        assertThat(decoded).isInstanceOf(Decoded.Read.class);
        return (Actor) ((Decoded.Read) decoded).object();
    }

    private String origin() {
        return "http://localhost:" + node.port();
    }

    private static HttpResponse<String> get(String path, String accept) {
        return get(node, path, accept);
    }

    private static HttpResponse<String> get(Node on, String path, String accept) {
        return TestNodes.send(HttpRequest.newBuilder(TestNodes.uri(on, path))
                .header("Accept", accept)
                .GET()
                .build());
    }
}
