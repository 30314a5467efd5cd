package org.branchwork.node.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.branchwork.node.Node;
import org.branchwork.node.TestNodes;
import org.branchwork.node.testing.Fixtures;
import org.branchwork.node.testing.Fixtures.Admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.branchwork.node.testing.Await.until;

/** An erased member leaves no byte behind in the database files: not in free space, not in the log. */
class MemberErasureIT {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path dir;

    @Test
    void anErasedMembersEmailNamePhoneAndPostcodeAreInNoFileOnceCompactedOrShutDown() throws Exception {
        Path data = dir.resolve("data");
        try (TestMail mail = new TestMail()) {
            Map<String, String> env = new LinkedHashMap<>(TestNodes.federatingEnvironment("stockport"));
            env.putAll(mail.nodeEnvironment());
            Node node = TestNodes.start(data, env);
            try {
                Fixtures.setUpBranch(node, Admin.ADA);
                List<String> zelda =
                        List.of("Zelda Quixotica", "zelda.quixotica.8271@example.org", "07700 900871", "ZE2 9QX");
                List<String> yusuf =
                        List.of("Yusuf Xylophonist", "yusuf.xylophonist.5512@example.org", "07700 900552", "YO61 4XY");
                Browser z = join(node, mail, zelda);
                Browser y = join(node, mail, yusuf);
                assertThat(filesContaining(data, zelda))
                        .as("the check can see a member's data")
                        .isNotEmpty();

                erase(z);
                until("the erasure is compacted out", () -> node.inspect().compactions() >= 1);
                assertThat(filesContaining(data, zelda))
                        .as("after the compaction, with the node running")
                        .isEmpty();
                assertThat(filesContaining(data, yusuf))
                        .as("a member not erased is still there")
                        .isNotEmpty();

                erase(y); // and the node stops before its compaction is due
            } finally {
                node.close();
            }
            assertThat(filesContaining(
                            data,
                            List.of(
                                    "Zelda Quixotica",
                                    "zelda.quixotica.8271@example.org",
                                    "07700 900871",
                                    "ZE2 9QX",
                                    "Yusuf Xylophonist",
                                    "yusuf.xylophonist.5512@example.org",
                                    "07700 900552",
                                    "YO61 4XY")))
                    .as("after shutdown")
                    .isEmpty();
            assertThat(filesContaining(data, List.of("admin@stockport.test")))
                    .as("the rest is kept")
                    .isNotEmpty();
        }
    }

    private static Browser join(Node node, TestMail mail, List<String> person) throws Exception {
        Browser b = new Browser(node);
        b.get("/join");
        assertThat(b.post(
                                "/join",
                                Map.of(
                                        "name",
                                        person.get(0),
                                        "email",
                                        person.get(1),
                                        "postcode",
                                        person.get(3),
                                        "phone",
                                        person.get(2),
                                        "consent",
                                        "yes",
                                        "password",
                                        PASSWORD,
                                        "passwordConfirmation",
                                        PASSWORD))
                        .statusCode())
                .isEqualTo(200);
        String link = mail.awaitLink(person.get(1));
        assertThat(b.get(link.substring(link.indexOf("/join"))).statusCode()).isEqualTo(303);
        return b;
    }

    private static void erase(Browser member) {
        member.get("/me");
        assertThat(member.post("/me/delete", Map.of("confirm", "yes")).body()).contains("Your account is deleted");
    }

    /** The files under {@code folder} holding any of the values, as UTF-8 bytes. */
    private static List<String> filesContaining(Path folder, List<String> values) throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(file);
                for (String value : values) {
                    if (indexOf(content, value.getBytes(StandardCharsets.UTF_8)) >= 0) {
                        found.add(folder.relativize(file) + ": " + value);
                    }
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
