package org.branchwork.node.service;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportFileTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    @Test
    void utf8WithAByteOrderMarkIsReadWithoutTheMark() {
        byte[] body = "name,email\nZoë Ó Briain,zoe@example.org\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);

        ImportFile file = readable(bytes);

        assertThat(file.encoding()).isEqualTo(ImportFile.Encoding.UTF_8);
        assertThat(file.text()).startsWith("name,").contains("Zoë Ó Briain");
    }

    @Test
    void utf8WithoutAMarkIsReadAsUtf8() {
        ImportFile file = readable("name;email\nŁukasz Żółć;l@example.org\n".getBytes(StandardCharsets.UTF_8));

        assertThat(file.encoding()).isEqualTo(ImportFile.Encoding.UTF_8);
        assertThat(file.text()).contains("Łukasz Żółć");
        assertThat(file.delimiter()).isEqualTo(';');
    }

    @Test
    void bytesThatAreNotUtf8AreReadAsWindows1252AsExcelSavesThem() {
        ImportFile file = readable("First name;Last name\nRené;Søndergård\nZoë;Ó Briain\n".getBytes(WINDOWS_1252));

        assertThat(file.encoding()).isEqualTo(ImportFile.Encoding.WINDOWS_1252);
        assertThat(file.text()).contains("René;Søndergård").contains("Zoë;Ó Briain");
    }

    @Test
    void utf16WithAMarkIsReadAsExcelsUnicodeText() {
        ImportFile file = readable("name\temail\nЗоя\tz@example.org\n".getBytes(StandardCharsets.UTF_16LE), 0xFF, 0xFE);

        assertThat(file.encoding()).isEqualTo(ImportFile.Encoding.UTF_16);
        assertThat(file.text()).startsWith("name\t").contains("Зоя");
        assertThat(file.delimiter()).isEqualTo('\t');
    }

    @Test
    void aFileInNoEncodingTheImportReadsIsRefusedWithAReason() {
        // 0x81 is undefined in Windows-1252, and 0x81 0x41 is no UTF-8 either.
        assertThat(refused(new byte[] {'n', 'a', 'm', 'e', '\n', (byte) 0x81, 'A'}))
                .contains("neither UTF-8 nor Windows-1252");
        assertThat(refused(new byte[] {'P', 'K', 3, 4, 20, 0})).contains("spreadsheet workbook");
        assertThat(refused(new byte[] {'n', 0, 'a', 0})).contains("zero bytes");
        assertThat(refused(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'Z', (byte) 0xEB}))
                .contains("byte-order mark");
    }

    @Test
    void theDelimiterIsTheOneTheHeaderLineUsesMostOutsideQuotes() {
        assertThat(ImportFile.delimiter("name,email,postcode\n")).isEqualTo(',');
        assertThat(ImportFile.delimiter("name;email;postcode\n")).isEqualTo(';');
        assertThat(ImportFile.delimiter("name\temail\tpostcode\n")).isEqualTo('\t');
        assertThat(ImportFile.delimiter("\"Name, as written\";Email\n")).isEqualTo(';');
        assertThat(ImportFile.delimiter("\"a;b;c\",\"d \"\"x;y\"\"\"\n")).isEqualTo(',');
        assertThat(ImportFile.delimiter("name\nJo;Sam;Priya\n"))
                .as("only the header line counts")
                .isEqualTo(',');
        assertThat(ImportFile.delimiter("name\r\n")).isEqualTo(',');
    }

    private static ImportFile readable(byte[] bytes, int... prefix) {
        byte[] all = new byte[prefix.length + bytes.length];
        for (int i = 0; i < prefix.length; i++) {
            all[i] = (byte) prefix[i];
        }
        System.arraycopy(bytes, 0, all, prefix.length, bytes.length);
        ImportFile.Read read = ImportFile.read(all);
        assertThat(read).isInstanceOf(ImportFile.Read.Readable.class);
        return ((ImportFile.Read.Readable) read).file();
    }

    private static String refused(byte[] bytes) {
        ImportFile.Read read = ImportFile.read(bytes);
        assertThat(read).isInstanceOf(ImportFile.Read.Refused.class);
        return ((ImportFile.Read.Refused) read).reason();
    }
}
