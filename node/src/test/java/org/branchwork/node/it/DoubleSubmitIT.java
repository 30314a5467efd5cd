package org.branchwork.node.it;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form that publishes takes effect once however often it is sent (a double click, a resend):
 * repeats, at once or a moment later, land where the first went; a refused form is refused again
 * and leaves nothing behind; a different form is a new publication.
 */
class DoubleSubmitIT {

    @TempDir
    Path dir;

    @Test
    void theSameAnnouncementSentTwicePublishesOnce() throws Exception {
        try (Node node = TestNodes.start(dir.resolve("node"), TestNodes.federatingEnvironment("stockport"))) {
            Fixtures.Admin admin = new Fixtures.Admin("Ada Admin", "admin@stockport.test", Fixtures.PASSWORD);
            Fixtures.setUpBranch(node, admin);
            Browser b = Browser.signedIn(node, admin);
            b.get("/announcements/new");
            Map<String, String> form = Map.of("title", "Sent twice", "content", "Meet at **noon**.");

            HttpResponse<String> first = b.post("/announcements", form);
            HttpResponse<String> again = b.post("/announcements", form);
            assertThat(first.statusCode()).isEqualTo(303);
            assertThat(again.statusCode()).isEqualTo(303);
            assertThat(again.headers().firstValue("Location"))
                    .isEqualTo(first.headers().firstValue("Location"));

            Map<String, String> racing = Map.of("title", "Sent at once", "content", "Both at the same moment.");
            List<CompletableFuture<HttpResponse<String>>> both = List.of(
                    CompletableFuture.supplyAsync(() -> b.post("/announcements", racing)),
                    CompletableFuture.supplyAsync(() -> b.post("/announcements", racing)));
            assertThat(both.get(0).get().headers().firstValue("Location"))
                    .isPresent()
                    .isEqualTo(both.get(1).get().headers().firstValue("Location"));

            Map<String, String> refused = Map.of("title", "No text", "content", "");
            assertThat(b.post("/announcements", refused).statusCode()).isEqualTo(422);
            assertThat(b.post("/announcements", refused).statusCode())
                    .as("a refused form is refused again, not sent somewhere")
                    .isEqualTo(422);

            assertThat(b.post("/announcements", Map.of("title", "Sent twice", "content", "A second, different one."))
                            .statusCode())
                    .isEqualTo(303);

            String home = b.get("/").body();
            assertThat(count(home, ">Sent twice<"))
                    .as("the repeat and the different one")
                    .isEqualTo(2);
            assertThat(count(home, ">Sent at once<")).isEqualTo(1);
            assertThat(home).doesNotContain(">No text<");
        }
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
