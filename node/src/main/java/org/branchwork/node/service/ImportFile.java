package org.branchwork.node.service;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.commons.csv.CSVFormat;

/**
 * An uploaded supporter list as text, with the encoding and delimiter it was read with. People
 * upload what their spreadsheet saved: Excel's "CSV UTF-8" (UTF-8 with a byte-order mark), its
 * plain "CSV" (Windows-1252 on Western European Windows, semicolon-separated where the decimal mark
 * is a comma), "Unicode Text" (UTF-16 with a byte-order mark, tab-separated), LibreOffice and
 * Google Sheets (UTF-8 without a mark). Bytes are decoded strictly, never with replacement
 * characters: a file that is neither is refused with the reason, so no name is silently mangled.
 */
public record ImportFile(String text, Encoding encoding, char delimiter) {

    /** The encodings an upload can be read in, with the words the pages use for them. */
    public enum Encoding {
        UTF_8("UTF-8"),
        UTF_16("UTF-16"),
        WINDOWS_1252("Windows-1252");

        private final String label;

        Encoding(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The encoding a stored label names; UTF-8 for one from an older release. */
        public static Encoding valueOfLabel(String label) {
            for (Encoding e : values()) {
                if (e.label.equals(label)) {
                    return e;
                }
            }
            return UTF_8;
        }
    }

    /** The file as text, or why it cannot be read. */
    public sealed interface Read {
        record Readable(ImportFile file) implements Read {}

        record Refused(String reason) implements Read {}
    }

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String SAVE_AS = " Save it from your spreadsheet as \"CSV UTF-8\" and upload that.";

    public static Read read(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return strictly(bytes, 3, StandardCharsets.UTF_8)
                    .<Read>map(t -> new Read.Readable(readable(t, Encoding.UTF_8)))
                    .orElseGet(() -> new Read.Refused(
                            "The file starts as UTF-8 (it has a byte-order mark) but has bytes that are not UTF-8."
                                    + SAVE_AS));
        }
        if (startsWith(bytes, 0xFF, 0xFE) || startsWith(bytes, 0xFE, 0xFF)) {
            // The UTF_16 decoder reads the mark itself, little- or big-endian.
            return strictly(bytes, 0, StandardCharsets.UTF_16)
                    .<Read>map(t -> new Read.Readable(readable(t, Encoding.UTF_16)))
                    .orElseGet(() -> new Read.Refused(
                            "The file starts as UTF-16 text but has bytes that are not UTF-16." + SAVE_AS));
        }
        if (startsWith(bytes, 'P', 'K', 3, 4)) {
            return new Read.Refused(
                    "This is a zip file, probably a spreadsheet workbook (.xlsx or .ods), not CSV." + SAVE_AS);
        }
        for (byte b : bytes) {
            if (b == 0) {
                return new Read.Refused(
                        "The file has zero bytes in it: it is not CSV text (perhaps a workbook, or UTF-16 without a"
                                + " byte-order mark)." + SAVE_AS);
            }
        }
        // Windows-1252 text with any letter beyond ASCII is almost never valid UTF-8 (é is one byte
        // 0xE9, which UTF-8 only allows before two continuation bytes), so strict UTF-8 first, then
        // Windows-1252, tells them apart without guessing from letter frequencies.
        Optional<String> utf8 = strictly(bytes, 0, StandardCharsets.UTF_8);
        if (utf8.isPresent()) {
            return new Read.Readable(readable(utf8.get(), Encoding.UTF_8));
        }
        return strictly(bytes, 0, WINDOWS_1252)
                .<Read>map(t -> new Read.Readable(readable(t, Encoding.WINDOWS_1252)))
                .orElseGet(() -> new Read.Refused(
                        "The file is neither UTF-8 nor Windows-1252 text, the encodings spreadsheets save CSV in."
                                + SAVE_AS));
    }

    /** How the parser reads this file: RFC 4180 quoting, with the file's own delimiter. */
    public CSVFormat format() {
        return CSVFormat.RFC4180
                .builder()
                .setDelimiter(delimiter)
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get();
    }

    /** "commas", "semicolons" or "tabs", for "separated by ...". */
    public String delimiterName() {
        return delimiterName(delimiter);
    }

    public static String delimiterName(char delimiter) {
        return switch (delimiter) {
            case ';' -> "semicolons";
            case '\t' -> "tabs";
            default -> "commas";
        };
    }

    /** A parser over the text, for reading it through once. */
    public org.apache.commons.csv.CSVParser parser() {
        try {
            return format().parse(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ImportFile readable(String text, Encoding encoding) {
        // A byte-order mark decoded as text (U+FEFF), as a UTF-16 file or a doubled mark leaves it.
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return new ImportFile(t, encoding, delimiter(t));
    }

    /**
     * The delimiter of the header line: whichever of comma, semicolon and tab occurs most often
     * outside quotes (a header "Name, with title" in quotes does not count); comma when none does.
     */
    static char delimiter(String text) {
        int commas = 0;
        int semicolons = 0;
        int tabs = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted; // a doubled quote inside quotes toggles twice: still quoted
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted) {
                switch (ch) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> {}
                }
            }
        }
        if (semicolons > commas && semicolons >= tabs) {
            return ';';
        }
        if (tabs > commas && tabs > semicolons) {
            return '\t';
        }
        return ',';
    }

    private static Optional<String> strictly(byte[] bytes, int offset, Charset charset) {
        try {
            return Optional.of(charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
