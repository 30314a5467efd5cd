package org.branchwork.node.storage;

import java.text.Normalizer;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The words a member is found by: each word of the name and of the email's local part, the
 * email's domain and the whole address, lower-cased and without accents. Searching matches the
 * start of a word ("oka" finds Okafor), which an index answers at 100,000 members, where a
 * substring match had to read every row.
 */
public final class SearchTerms {

    static final int MAX_TERM = 320;

    private SearchTerms() {}

    /** The terms stored for a member. */
    public static Set<String> of(String displayName, String email) {
        Set<String> terms = new LinkedHashSet<>(words(displayName));
        String address = fold(email);
        int at = address.lastIndexOf('@');
        if (at > 0) {
            terms.addAll(words(address.substring(0, at)));
            terms.add(address.substring(at + 1));
        }
        terms.add(address);
        terms.removeIf(t -> t.isEmpty() || t.length() > MAX_TERM);
        return terms;
    }

    /** What a search box's text asks for: each word must start one of the member's terms. */
    public static Set<String> query(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : fold(text).split("\\s+")) {
            // An address or a domain is looked up whole: the member's full address and domain are terms.
            if (part.contains("@") || part.matches(".*[\\p{L}\\p{N}]\\.[\\p{L}\\p{N}].*")) {
                out.add(part);
            } else {
                out.addAll(words(part));
            }
        }
        out.removeIf(String::isEmpty);
        return out;
    }

    private static Set<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : fold(text).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty()) {
                out.add(w);
            }
        }
        return out;
    }

    private static String fold(String text) {
        String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).strip();
    }
}
