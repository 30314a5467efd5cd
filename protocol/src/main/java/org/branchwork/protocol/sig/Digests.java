package org.branchwork.protocol.sig;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * Body digests: RFC 3230 {@code Digest: SHA-256=...} (draft-cavage peers, Mastodon) and RFC 9530
 * {@code Content-Digest: sha-256=:...:} (RFC 9421 peers, Fedify). Uses the JDK's SHA-256, which is
 * about nine times faster than Bouncy Castle's here (see docs/PERFORMANCE.md).
 */
public final class Digests {

    private Digests() {}

    /** The raw SHA-256 of {@code body}. */
    public static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The value of an RFC 3230 {@code Digest} header for {@code body}. */
    public static String digestHeader(byte[] body) {
        return "SHA-256=" + Base64.getEncoder().encodeToString(sha256(body));
    }

    /** The value of an RFC 9530 {@code Content-Digest} header for {@code body}. */
    public static String contentDigestHeader(byte[] body) {
        return "sha-256=:" + Base64.getEncoder().encodeToString(sha256(body)) + ":";
    }

    /**
     * Checks an RFC 3230 {@code Digest} header value against the body. The header may list several
     * algorithms; the SHA-256 one must be present and match (others are ignored, SHA-1 is not trusted).
     */
    public static DigestCheck checkDigestHeader(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return DigestCheck.MISSING;
        }
        for (String part : header.split(",")) {
            String item = part.strip();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            if (item.substring(0, eq).toLowerCase(Locale.ROOT).equals("sha-256")) {
                return compare(item.substring(eq + 1).strip(), body);
            }
        }
        return DigestCheck.UNSUPPORTED_ALGORITHM;
    }

    /**
     * Checks an RFC 9530 {@code Content-Digest} header value (a structured-field dictionary of byte
     * sequences) against the body; {@code sha-256} or {@code sha-512} must be present and match.
     */
    public static DigestCheck checkContentDigestHeader(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            return DigestCheck.MISSING;
        }
        DigestCheck result = DigestCheck.UNSUPPORTED_ALGORITHM;
        for (String part : header.split(",")) {
            String item = part.strip();
            int eq = item.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String algorithm = item.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = item.substring(eq + 1).strip();
            int params = value.indexOf(';');
            if (params >= 0) {
                value = value.substring(0, params);
            }
            if (value.length() < 2 || value.charAt(0) != ':' || value.charAt(value.length() - 1) != ':') {
                return DigestCheck.MALFORMED;
            }
            String b64 = value.substring(1, value.length() - 1);
            DigestCheck check = switch (algorithm) {
                case "sha-256" -> compare(b64, body);
                case "sha-512" -> compareWith("SHA-512", b64, body);
                default -> DigestCheck.UNSUPPORTED_ALGORITHM;
            };
            if (check != DigestCheck.UNSUPPORTED_ALGORITHM) {
                if (check != DigestCheck.MATCH) {
                    return check;
                }
                result = DigestCheck.MATCH;
            }
        }
        return result;
    }

    private static DigestCheck compare(String base64, byte[] body) {
        return compareWith("SHA-256", base64, body);
    }

    private static DigestCheck compareWith(String algorithm, String base64, byte[] body) {
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return DigestCheck.MALFORMED;
        }
        try {
            byte[] actual = MessageDigest.getInstance(algorithm).digest(body);
            return MessageDigest.isEqual(claimed, actual) ? DigestCheck.MATCH : DigestCheck.MISMATCH;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has " + algorithm, e);
        }
    }

    /** The outcome of checking a digest header against a body. */
    public enum DigestCheck {
        /** The header's digest is the body's. */
        MATCH,
        /** The header's digest is not the body's: the body was altered. */
        MISMATCH,
        /** No header was given. */
        MISSING,
        /** The header names no algorithm we check (SHA-256, or SHA-512 for Content-Digest). */
        UNSUPPORTED_ALGORITHM,
        /** The header could not be parsed. */
        MALFORMED
    }
}
