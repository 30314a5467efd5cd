package org.branchwork.node.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A path on this node, taken from a form or query (a sign-in's {@code next}) to redirect to. Only
 * printable ASCII, starting with one {@code /}, no scheme, no authority, no empty segment, and still
 * so after dot segments are removed: browsers drop tabs and newlines inside URLs and read {@code \} as {@code /},
 * so {@code /\t/evil.example} and {@code /\evil.example} lead off-site, and a CR or LF would end the
 * {@code Location} header and start another.
 */
public final class LocalPath {

    private static final int MAX_LENGTH = 500;

    private LocalPath() {}

    /** The path when it is safe to redirect to, else empty. */
    public static Optional<String> parse(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH || candidate.charAt(0) != '/') {
            return Optional.empty();
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '\\') {
                return Optional.empty();
            }
        }
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null) {
            return Optional.empty();
        }
        String normalised = uri.normalize().getRawPath();
        if (!normalised.startsWith("/") || uri.getRawPath().contains("//") || normalised.contains("//")) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }
}
