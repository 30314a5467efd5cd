package org.branchwork.node.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules every template keeps, checked over all of them so that a new page cannot forget one. The
 * browser tests run axe on the pages they reach; this catches the pages they do not.
 */
class TemplateConventionsTest {

    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final Pattern SCROLLER = Pattern.compile("<div class=\"table-scroll\"[^>]*>");

    @Test
    void everyTableThatScrollsSidewaysCanBeReachedAndNamedByKeyboardUsers() throws IOException {
        List<String> found = scrollers();
        assertThat(found).as("the templates have sideways-scrolling tables").isNotEmpty();
        // A phone's width makes these regions scroll; without tabindex a keyboard cannot scroll
        // them (axe: scrollable-region-focusable), and a focusable region needs a name.
        assertThat(found)
                .allSatisfy(div -> assertThat(div)
                        .contains("tabindex=\"0\"")
                        .contains("role=\"region\"")
                        .containsPattern("aria-label=\"[^\"{]+\""));
    }

    private static List<String> scrollers() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(f -> f.toString().endsWith(".mustache"))
                    .flatMap(f -> {
                        try {
                            Matcher m = SCROLLER.matcher(Files.readString(f));
                            return m.results().map(r -> f + ": " + r.group());
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .toList();
        }
    }
}
