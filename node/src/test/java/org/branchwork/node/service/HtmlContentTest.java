package org.branchwork.node.service;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlContentTest {

    @Test
    void markdownBecomesHtmlAndRawHtmlInItIsShownAsText() {
        String html = HtmlContent.fromMarkdown(
                "Meet at the **library**.\n\nThen <script>alert(1)</script> [site](https://example.org)");
        assertThat(html)
                .contains("<strong>library</strong>")
                .contains("&lt;script&gt;")
                .contains("<a href=\"https://example.org\" rel=\"nofollow noopener noreferrer\">site</a>")
                .doesNotContain("<script>");
    }

    @Test
    void aJavascriptLinkInMarkdownLosesItsTarget() {
        assertThat(HtmlContent.fromMarkdown("[x](javascript:alert(1))")).doesNotContain("javascript:");
    }

    @Test
    void remoteHtmlKeepsTextStructureAndLinksAndLosesEverythingElse() {
        String html =
                HtmlContent.sanitise("<p class=\"x\" style=\"color:red\">Hi <b>all</b><img src=x onerror=alert(1)>"
                        + "<a href=\"https://ok.example/\" onclick=\"alert(2)\">ok</a><span class=\"mention h-card\">@a</span>"
                        + "<iframe src=\"https://evil.example\"></iframe></p>");
        assertThat(html)
                .isEqualTo("<p>Hi <b>all</b><a href=\"https://ok.example/\" rel=\"nofollow noopener noreferrer\">ok</a>"
                        + "<span class=\"mention h-card\">&#64;a</span></p>");
    }

    @Test
    void plainTextHasParagraphsOnTheirOwnLinesAndNoMarkup() {
        assertThat(HtmlContent.plainText("<p>One &amp; two</p><p>Three<br>four &#39;five&#39;</p>"))
                .isEqualTo("One & two\nThree\nfour 'five'");
    }
}
