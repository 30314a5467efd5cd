package org.branchwork.node.service;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The one way the node writes CSV (member exports, attendee lists): RFC 4180 through Commons CSV,
 * and every cell, header and value alike, neutralised against formula injection (OWASP "CSV
 * Injection"): a cell that a spreadsheet would run as a formula, one starting with {@code =},
 * {@code +}, {@code -}, {@code @}, a tab, CR or LF (after any spaces), gets a leading apostrophe.
 * Values come from the public join form and from remote peers' {@code Join}s, so no column is
 * trusted: an email such as {@code =HYPERLINK(...)@x.io} passes address validation.
 *
 * <p>The text starts with a UTF-8 byte-order mark: without it Excel reads a CSV file as the
 * Windows code page and shows "ZoÃ«" for "Zoë". The import strips the mark and undoes the
 * apostrophe ({@link #restored}), so our own export imports again unchanged.
 */
public final class SpreadsheetCsv implements Closeable {

    private final CSVPrinter printer;

    public SpreadsheetCsv(Writer out, String... header) {
        try {
            out.write('\uFEFF');
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
            row((Object[]) header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes one row; {@code null} is an empty cell, anything else its {@code toString()}. */
    public void row(Object... cells) {
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            safe[i] = neutralised(cells[i] == null ? "" : cells[i].toString());
        }
        try {
            printer.printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cell as a spreadsheet will show it, never run it. */
    static String neutralised(String value) {
        int i = 0;
        while (i < value.length() && value.charAt(i) == ' ') {
            i++;
        }
        return i < value.length() && "=+-@\t\r\n".indexOf(value.charAt(i)) >= 0 ? "'" + value : value;
    }

    /** A cell of our own export as it was before {@link #neutralised}: the apostrophe added there taken off. */
    public static String restored(String cell) {
        if (cell.length() < 2 || cell.charAt(0) != '\'') {
            return cell;
        }
        String rest = cell.substring(1);
        return neutralised(rest).equals(cell) ? rest : cell;
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
