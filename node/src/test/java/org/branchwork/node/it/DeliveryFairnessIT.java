package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.ApiClient;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/**
 * The delivery queue under load, with real peers on loopback: each activity reaches each inbox
 * once, and a host that stalls does not hold up the others. Measures what it asserts about
 * (duplicates, healthy hosts' latency) and prints it; asserts no timings.
 */
class DeliveryFairnessIT {

    @TempDir
    Path dir;

    private final List<FakePeer> peers = new ArrayList<>();
    private Node node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        peers.forEach(FakePeer::close);
    }

    @Test
    void threeHundredAnnouncementsToFifteenInboxesReachEachInboxExactlyOnce() throws Exception {
        node = TestNodes.federating(dir, "national");
        List<Follower> followers = followers(3, 5, false);
        int announcements = 300;
        for (int i = 0; i < announcements; i++) {
            assertThat(announce("Number " + i).statusCode()).isEqualTo(201);
        }
        until(
                "every inbox has every announcement",
                () -> followers.stream().allMatch(f -> creates(f).size() >= announcements));
        // Let anything sent twice arrive before counting.
        until("the queue is empty", () -> node.inspect().deliveryCounts().pending() == 0);

        int duplicates = 0;
        for (Follower f : followers) {
            List<String> ids = creates(f);
            duplicates += ids.size() - (int) ids.stream().distinct().count();
            assertThat(ids.stream().distinct().count()).isEqualTo(announcements);
        }
        System.out.printf(
                "DeliveryFairnessIT: %d deliveries, %d duplicates%n", announcements * followers.size(), duplicates);
        assertThat(duplicates).isZero();
        assertThat(node.inspect().deliveryCounts().dead()).isZero();
    }

    @Test
    void aHostThatStallsWithOneHundredAndFiftyFollowersDoesNotHoldUpHealthyHosts() throws Exception {
        node = TestNodes.federating(dir, "national");
        List<Follower> healthy = followers(3, 5, false);
        FakePeer slow = new FakePeer(true);
        peers.add(slow);
        List<Follower> stalledFollowers = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            stalledFollowers.add(follow(slow, "s" + i));
        }
        until(
                "the stalled host's followers are in",
                () -> node.inspect().followerCount() == healthy.size() + stalledFollowers.size());
        until("their Accepts are out", () -> node.inspect().deliveryCounts().pending() == 0);
        slow.stallInboxes();

        int rounds = 5;
        List<Long> latencies = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            Instant posted = Instant.now();
            announce("Round " + round);
            int expected = round + 1;
            until(
                    "healthy hosts have round " + round,
                    () -> healthy.stream().allMatch(f -> creates(f).size() >= expected));
            latencies.add(Duration.between(posted, Instant.now()).toMillis());
        }
        // Every healthy delivery arrived while the slow host still held all it had been sent.
        assertThat(slow.stalledPosts()).isPositive();
        assertThat(stalledFollowers.stream().mapToLong(f -> creates(f).size()).sum())
                .isZero();
        latencies.sort(null);
        System.out.printf(
                "DeliveryFairnessIT: healthy hosts' latency while one host stalls: median %d ms, max %d ms "
                        + "(%d rounds); %d posts held by the stalled host%n",
                latencies.get(rounds / 2), latencies.get(rounds - 1), rounds, slow.stalledPosts());
        slow.releaseInboxes();
    }

    private record Follower(FakePeer peer, String name) {}

    private List<Follower> followers(int hosts, int perHost, boolean concurrent) throws Exception {
        List<Follower> out = new ArrayList<>();
        for (int h = 0; h < hosts; h++) {
            FakePeer peer = new FakePeer(concurrent);
            peers.add(peer);
            for (int a = 0; a < perHost; a++) {
                out.add(follow(peer, "f" + a));
            }
        }
        until("all follow", () -> node.inspect().followerCount() == out.size());
        return out;
    }

    private Follower follow(FakePeer peer, String name) {
        SigningKey key = peer.actorSharingKey(name);
        HttpResponse<String> res = FakePeer.follow(
                key,
                URI.create("http://localhost:" + node.port() + "/inbox"),
                URI.create("http://localhost:" + node.port() + "/groups/national"),
                peer.origin() + "/follows/" + name);
        assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
        return new Follower(peer, name);
    }

    /** The Create activities this follower's inbox received, as sent (each is unique), repeats kept. */
    private static List<String> creates(Follower f) {
        return f.peer().received(f.name()).stream()
                .filter(body -> body.contains("\"type\":\"Create\""))
                .toList();
    }

    private HttpResponse<String> announce(String text) {
        return TestNodes.api(node).post("/api/v1/announcements", ApiClient.object("content", text));
    }
}
