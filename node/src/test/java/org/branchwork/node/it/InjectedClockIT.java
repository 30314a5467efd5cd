package org.branchwork.node.it;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestClock;
import org.branchwork.node.TestNodes;
import org.branchwork.protocol.sig.SigningKey;

import static org.assertj.core.api.Assertions.assertThat;

/** A node started on a clock the test moves: 49 hours pass without editing a row or sleeping. */
class InjectedClockIT {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    @Test
    void fortyNineHoursLaterSessionsHaveEndedAndTodaysSignaturesAreStale() throws Exception {
        TestClock clock = TestClock.startingNow();
        try (FakePeer peer = new FakePeer();
                Node node = TestNodes.start(dir, TestNodes.federatingEnvironment("stockport"), clock)) {
            String code = node.setupCode().orElseThrow();
            assertThat(TestNodes.postForm(
                                    node,
                                    "/setup",
                                    Map.of(
                                            "code",
                                            code,
                                            "adminName",
                                            "Ada Admin",
                                            "adminEmail",
                                            "admin@stockport.test",
                                            "password",
                                            PASSWORD,
                                            "passwordConfirmation",
                                            PASSWORD))
                            .statusCode())
                    .isEqualTo(303);
            Browser admin = new Browser(node);
            admin.get("/signin");
            assertThat(admin.post("/signin", Map.of("email", "admin@stockport.test", "password", PASSWORD))
                            .statusCode())
                    .isEqualTo(303);
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
