package org.branchwork.protocol.sig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses a draft-cavage {@code Signature} header ({@code keyId="…",algorithm="…",headers="…",signature="…"})
 * in one linear pass: no regular expressions, so a hostile header cannot make it backtrack.
 */
final class CavageHeader {

    private CavageHeader() {}

    /** The parameters by lower-cased name; throws {@link IllegalArgumentException} on malformed input. */
    static Map<String, String> parse(String header) {
        String text = header.strip();
        if (text.regionMatches(true, 0, "Signature ", 0, 10)) {
            text = text.substring(10); // Authorization: Signature keyId=...
        }
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int nameStart = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ',') {
                i++;
            }
            if (i >= n || text.charAt(i) != '=') {
                throw new IllegalArgumentException("parameter without a value at " + nameStart);
            }
            String name = text.substring(nameStart, i).strip().toLowerCase(java.util.Locale.ROOT);
            i++;
            String value;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        sb.append(text.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        sb.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted value for " + name);
                }
                value = sb.toString();
            } else {
                int start = i;
                while (i < n && text.charAt(i) != ',') {
                    i++;
                }
                value = text.substring(start, i).strip();
            }
            if (name.isEmpty() || params.putIfAbsent(name, value) != null) {
                throw new IllegalArgumentException("empty or repeated parameter '" + name + "'");
            }
        }
        return params;
    }
}
