package org.branchwork.protocol.sig;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small part of RFC 8941 structured fields that RFC 9421 needs: the {@code Signature-Input}
 * dictionary of inner lists with parameters, and the {@code Signature} dictionary of byte
 * sequences. A single linear scanner, no regular expressions.
 */
final class StructuredSignatureFields {

    /** One covered component: its name and any parameters (such as {@code ;req} or {@code ;key="x"}). */
    record Component(String name, Map<String, String> params) {}

    /**
     * One {@code Signature-Input} member.
     *
     * @param components the covered components
     * @param params     signature parameters ({@code created}, {@code keyid}, …), as raw text values
     * @param raw        the member's serialisation, which is the value of {@code @signature-params}
     */
    record InputMember(List<Component> components, Map<String, String> params, String raw) {}

    private final String text;
    private int pos;

    private StructuredSignatureFields(String text) {
        this.text = text;
    }

    static Map<String, InputMember> parseSignatureInput(String header) {
        StructuredSignatureFields p = new StructuredSignatureFields(header);
        Map<String, InputMember> members = new LinkedHashMap<>();
        p.skipSpaces();
        while (p.pos < p.text.length()) {
            String label = p.key();
            p.expect('=');
            int start = p.pos;
            p.expect('(');
            List<Component> components = new ArrayList<>();
            while (true) {
                p.skipSpaces();
                if (p.peek() == ')') {
                    p.pos++;
                    break;
                }
                String name = p.string();
                components.add(new Component(name, p.params()));
                char c = p.peek();
                if (c != ' ' && c != ')') {
                    throw p.error("expected a space or ')'");
                }
            }
            Map<String, String> params = p.params();
            members.put(label, new InputMember(components, params, p.text.substring(start, p.pos)));
            p.nextMember();
        }
        return members;
    }

    static Map<String, byte[]> parseSignature(String header) {
        StructuredSignatureFields p = new StructuredSignatureFields(header);
        Map<String, byte[]> members = new LinkedHashMap<>();
        p.skipSpaces();
        while (p.pos < p.text.length()) {
            String label = p.key();
            p.expect('=');
            p.expect(':');
            int start = p.pos;
            while (p.pos < p.text.length() && p.text.charAt(p.pos) != ':') {
                p.pos++;
            }
            String b64 = p.text.substring(start, p.pos);
            p.expect(':');
            p.params();
            try {
                members.put(label, Base64.getDecoder().decode(b64));
            } catch (IllegalArgumentException e) {
                throw p.error("signature is not base64");
            }
            p.nextMember();
        }
        return members;
    }

    private Map<String, String> params() {
        Map<String, String> params = new LinkedHashMap<>();
        while (pos < text.length() && text.charAt(pos) == ';') {
            pos++;
            skipSpaces();
            String key = key();
            String value = "?1";
            if (pos < text.length() && text.charAt(pos) == '=') {
                pos++;
                value = bareItem();
            }
            params.put(key, value);
        }
        return params;
    }

    private String bareItem() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        int start = pos;
        while (pos < text.length()
                && "-0123456789.?abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_*/:%!#$&'+^`|~"
                                .indexOf(text.charAt(pos))
                        >= 0) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a value");
        }
        return text.substring(start, pos);
    }

    private String string() {
        expect('"');
        StringBuilder sb = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\\') {
                if (pos >= text.length()) {
                    break;
                }
                sb.append(text.charAt(pos++));
            } else if (c == '"') {
                return sb.toString();
            } else if (c < 0x20 || c > 0x7e) {
                throw error("invalid character in string");
            } else {
                sb.append(c);
            }
        }
        throw error("unterminated string");
    }

    private String key() {
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.' || c == '*') {
                pos++;
            } else {
                break;
            }
        }
        if (start == pos) {
            throw error("expected a key");
        }
        return text.substring(start, pos);
    }

    private void nextMember() {
        skipSpaces();
        if (pos < text.length()) {
            expect(',');
            skipSpaces();
            if (pos >= text.length()) {
                throw error("trailing comma");
            }
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at position " + pos);
    }
}
