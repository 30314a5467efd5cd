package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestClock;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;

/** A node started on a clock the test moves: 49 hours pass without editing a row or sleeping. */
class InjectedClockIT {

    @TempDir
    Path dir;

    @Test
    void fortyNineHoursLaterSessionsHaveEndedAndTodaysSignaturesAreStale() throws Exception {
        TestClock clock = TestClock.startingNow();
        try (FakePeer peer = new FakePeer();
                Node node = TestNodes.start(dir, TestNodes.federatingEnvironment("stockport"), clock)) {
            Fixtures.setUpBranch(node, Admin.ADA);
            Browser admin = Browser.signedIn(node, Admin.ADA);
            assertThat(admin.get("/me").statusCode()).isEqualTo(200);
            SigningKey mia = peer.actor("mia");
            URI inbox = URI.create("http://localhost:" + node.port() + "/inbox");
            URI branch = URI.create("http://localhost:" + node.port() + "/groups/stockport");
            assertThat(FakePeer.follow(mia, inbox, branch, peer.origin() + "/f/1")
                            .statusCode())
                    .isEqualTo(202);

            clock.advance(Duration.ofHours(49));

            assertThat(admin.get("/me").statusCode())
                    .as("the session idled out")
                    .isEqualTo(303);
            HttpResponse<String> stale = FakePeer.follow(mia, inbox, branch, peer.origin() + "/f/2");
            assertThat(stale.statusCode())
                    .as("signed at the real now, 49 hours before the node's")
                    .isEqualTo(401);
            assertThat(stale.body()).contains("date_out_of_window");
            assertThat(Instant.now()).isBefore(clock.instant().minus(Duration.ofHours(48)));
        }
    }
}
