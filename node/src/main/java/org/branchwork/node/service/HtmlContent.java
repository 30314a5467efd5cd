package org.branchwork.node.service;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The HTML the node stores and shows: organisers' Markdown rendered by commonmark and remote HTML,
 * both through one OWASP sanitiser policy about as strict as Mastodon's (paragraphs, line breaks,
 * emphasis, lists, quotes, code, headings and http(s)/mailto links that get {@code rel="nofollow
 * noopener noreferrer"}; no scripts, styles, images, iframes or event attributes). Pages insert
 * this HTML unescaped only because it went through {@link #sanitise}.
 */
public final class HtmlContent {

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements(
                    "p",
                    "br",
                    "span",
                    "em",
                    "strong",
                    "b",
                    "i",
                    "u",
                    "s",
                    "del",
                    "code",
                    "pre",
                    "blockquote",
                    "ul",
                    "ol",
                    "li",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "a",
                    "hr")
            .allowUrlProtocols("http", "https", "mailto")
            .allowAttributes("href")
            .onElements("a")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .allowAttributes("class")
            .matching(Pattern.compile("(?:h-card|mention|hashtag|u-url|invisible|ellipsis)"
                    + "(?: (?:h-card|mention|hashtag|u-url|invisible|ellipsis))*"))
            .onElements("a", "span")
            .toFactory();

    private static final Parser MARKDOWN = Parser.builder().build();
    // Raw HTML in an organiser's Markdown is shown as text, not passed through.
    private static final HtmlRenderer RENDERER =
            HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final Pattern TAG = Pattern.compile("<[^>]*>");
    private static final Pattern NUMERIC_ENTITY = Pattern.compile("&#(x?)([0-9a-fA-F]+);");

    private HtmlContent() {}

    /** Markdown to sanitised HTML. */
    public static String fromMarkdown(String markdown) {
        return sanitise(RENDERER.render(MARKDOWN.parse(markdown)));
    }

    /** Any HTML, from anywhere, to what the node may store and show. */
    public static String sanitise(String html) {
        return html == null ? "" : POLICY.sanitize(html);
    }

    /** Sanitised HTML as plain text (calendars, feeds' summaries, Mastodon's fallback), paragraphs on their own lines. */
    public static String plainText(String html) {
        String text =
                sanitise(html).replaceAll("(?i)<br\\s*/?>", "\n").replaceAll("(?i)</(p|li|h\\d|blockquote|pre)>", "\n");
        text = TAG.matcher(text).replaceAll("");
        Matcher m = NUMERIC_ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int code = Integer.parseInt(m.group(2), m.group(1).isEmpty() ? 10 : 16);
            m.appendReplacement(out, Matcher.quoteReplacement(new String(Character.toChars(code))));
        }
        m.appendTail(out);
        return out.toString()
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
