package org.branchwork.protocol.jsonld;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Strict UTF-8 (RFC 3629), checked before any JSON is parsed: Jackson's own decoder takes overlong
 * forms (such as {@code C0 AF} for {@code /}) and surrogates encoded as UTF-8, which let one text
 * be written several ways past a filter that compares bytes or strings. The JDK's decoder reports
 * every one of them.
 */
final class Utf8 {

    private Utf8() {}

    /** Why the bytes are not valid UTF-8, or empty when they are. */
    static Optional<String> problem(byte[] bytes) {
        boolean ascii = true;
        for (byte b : bytes) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return Optional.empty();
        }
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of(e.getMessage() == null ? "malformed input" : e.getMessage());
        }
    }
}
