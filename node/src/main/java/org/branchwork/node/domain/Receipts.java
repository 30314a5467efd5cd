package org.branchwork.node.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Ballot receipts. A receipt code is 120 random bits shown once to the voter, as six groups of
 * four base-32 letters and digits ({@code K7QD-…}); the node keeps only its SHA-256 ({@link #hash}).
 * The published list is those hashes, and the receipts hash is {@link #listHash}: SHA-256 over the
 * sorted hashes, each as 64 lowercase hex digits followed by a line feed. A code is the voter's
 * key to replace their ballot, so the codes themselves are never published or stored.
 */
public final class Receipts {

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int GROUPS = 6;

    private Receipts() {}

    public static String newCode(SecureRandom random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < GROUPS * 4; i++) {
            if (i > 0 && i % 4 == 0) {
                out.append('-');
            }
            out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }

    /** The code as the node hashes it (upper case, groups joined by dashes), if it has the right shape. */
    public static Optional<String> normalise(String typed) {
        if (typed == null) {
            return Optional.empty();
        }
        String bare = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (bare.length() != GROUPS * 4 || !bare.chars().allMatch(ch -> new String(ALPHABET).indexOf(ch) >= 0)) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < bare.length(); i += 4) {
            out.append(i == 0 ? "" : "-").append(bare, i, i + 4);
        }
        return Optional.of(out.toString());
    }

    /** SHA-256 of the normalised code, in lowercase hex. */
    public static String hash(String code) {
        return sha256(code);
    }

    /** SHA-256 over {@code hashes} sorted, each followed by a line feed. */
    public static String listHash(List<String> hashes) {
        StringBuilder all = new StringBuilder();
        hashes.stream().sorted().forEach(h -> all.append(h).append('\n'));
        return sha256(all.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
