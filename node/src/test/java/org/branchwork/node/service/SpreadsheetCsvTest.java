package org.branchwork.node.service;

import java.io.StringReader;
import java.io.StringWriter;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCsvTest {

    @Test
    void cellsASpreadsheetWouldRunAreWrittenAsTextAndTheRestAsGiven() throws Exception {
        StringWriter out = new StringWriter();
        try (SpreadsheetCsv csv = new SpreadsheetCsv(out, "=header", "plain")) {
            csv.row("=1+1", "+44 161", "-2", "@SUM(A1)", "\tx", "\rx", "\nx", "  =spaced", "Jo, \"Bloggs\"", null, 42);
        }
        assertThat(out.toString()).as("a byte-order mark, so Excel reads UTF-8").startsWith("\uFEFF'=header,");
        var records = CSVFormat.RFC4180
                .parse(new StringReader(out.toString().substring(1)))
                .getRecords();
        assertThat(records.get(0).values()).containsExactly("'=header", "plain");
        CSVRecord row = records.get(1);
        assertThat(row.values())
                .containsExactly(
                        "'=1+1",
                        "'+44 161",
                        "'-2",
                        "'@SUM(A1)",
                        "'\tx",
                        "'\rx",
                        "'\nx",
                        "'  =spaced",
                        "Jo, \"Bloggs\"",
                        "",
                        "42");
    }

    @Test
    void restoredTakesOffOnlyTheApostropheThatNeutralisingAdded() {
        for (String cell : new String[] {"=1+1", "+44 161", "  =spaced", "'quoted", "plain", "", "'"}) {
            assertThat(SpreadsheetCsv.restored(SpreadsheetCsv.neutralised(cell)))
                    .isEqualTo(cell);
        }
        assertThat(SpreadsheetCsv.restored("'plain"))
                .as("an apostrophe someone typed")
                .isEqualTo("'plain");
    }
}
