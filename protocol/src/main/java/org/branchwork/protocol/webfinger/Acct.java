package org.branchwork.protocol.webfinger;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * An {@code acct:} handle, {@code user@host[:port]}, parsed strictly: the host goes through
 * {@link URI} and IDN to ASCII, is lower-cased, and anything that could make two parsers disagree
 * about which host is meant (user info, paths, queries, a second {@code @}, percent-encoding in the
 * host) is refused. Mastodon's CVE-2023-42451 came from such a disagreement.
 *
 * @param user the local part, as given
 * @param host lower-case ASCII host, with {@code :port} when one was given (local testing)
 */
public record Acct(String user, String host) {

    /** Parses {@code acct:user@host}, {@code @user@host} or {@code user@host}. */
    public static Acct parse(String handle) {
        if (handle == null || handle.isBlank()) {
            throw new IllegalArgumentException("empty handle");
        }
        String s = handle.strip();
        if (s.regionMatches(true, 0, "acct:", 0, 5)) {
            s = s.substring(5);
        } else if (s.startsWith("@")) {
            s = s.substring(1);
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@') || at == s.length() - 1) {
            throw new IllegalArgumentException("a handle is user@host with exactly one @: '" + handle + "'");
        }
        String user = s.substring(0, at);
        String hostPart = s.substring(at + 1);
        for (char c : user.toCharArray()) {
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-' || c == '~')) {
                throw new IllegalArgumentException(
                        "invalid character '" + c + "' in the user part of '" + handle + "'");
            }
        }
        return new Acct(user, normaliseHost(hostPart, handle));
    }

    private static String normaliseHost(String hostPart, String handle) {
        for (char c : hostPart.toCharArray()) {
            if (c == '/' || c == '?' || c == '#' || c == '%' || c == '\\' || c == '@' || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("invalid character '" + c + "' in the host of '" + handle + "'");
            }
        }
        String ascii;
        String port = "";
        int colon = hostPart.lastIndexOf(':');
        String name = hostPart;
        if (colon >= 0 && !hostPart.endsWith("]")) {
            name = hostPart.substring(0, colon);
            port = hostPart.substring(colon + 1);
            if (port.isEmpty()
                    || !port.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(port) > 65535
                    || Integer.parseInt(port) == 0) {
                throw new IllegalArgumentException("invalid port in '" + handle + "'");
            }
        }
        try {
            ascii = IDN.toASCII(name, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid host in '" + handle + "': " + e.getMessage());
        }
        String authority = port.isEmpty() ? ascii : ascii + ":" + port;
        try {
            URI check = new URI("https://" + authority + "/");
            if (check.getHost() == null
                    || !check.getRawAuthority().equals(authority)
                    || check.getRawUserInfo() != null) {
                throw new IllegalArgumentException("invalid host in '" + handle + "'");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid host in '" + handle + "'");
        }
        if (ascii.isEmpty() || ascii.startsWith(".") || ascii.endsWith(".")) {
            throw new IllegalArgumentException("invalid host in '" + handle + "'");
        }
        return authority;
    }

    /** {@code acct:user@host}. */
    public String uri() {
        return "acct:" + user + "@" + host;
    }

    /** The WebFinger query URL on the handle's host. */
    public URI webFingerUrl(String scheme) {
        return URI.create(scheme + "://" + host + "/.well-known/webfinger?resource="
                + java.net.URLEncoder.encode(uri(), java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return user + "@" + host;
    }
}
