package org.branchwork.protocol.proof;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JcsTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void sortsMembersByUtf16CodeUnitsAndEscapesMinimally() throws Exception {
        // RFC 8785 §3.2.3's sorting example.
        String input =
                "{\"\\u20ac\":\"Euro Sign\",\"\\r\":\"Carriage Return\",\"\\ufb33\":\"Hebrew Letter Dalet With Dagesh\","
                        + "\"1\":\"One\",\"\\ud83d\\ude00\":\"Emoji: Grinning Face\",\"\\u0080\":\"Control\",\"\\u00f6\":\"Latin Small Letter O With Diaeresis\"}";

        String canonical = Jcs.canonicalize(json.readTree(input));

        assertThat(canonical)
                .isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void writesNumbersAsEcmascriptDoes() throws Exception {
        // RFC 8785 §3.2.2.3 examples and Appendix B.
        assertThat(Jcs.canonicalize(
                        json.readTree("[56, 1e30, 4.50, 2e-3, 0.000001, 1e-7, 1e21, 1e20, -0, 333333333.33333329]")))
                .isEqualTo("[56,1e+30,4.5,0.002,0.000001,1e-7,1e+21,100000000000000000000,0,333333333.3333333]");
    }

    @Test
    void keepsLiteralsAndNestedStructure() throws Exception {
        assertThat(Jcs.canonicalize(json.readTree("{ \"b\": [true, null, {\"z\":1, \"a\":\"x\\ny\"}], \"a\": false }")))
                .isEqualTo("{\"a\":false,\"b\":[true,null,{\"a\":\"x\\ny\",\"z\":1}]}");
    }
}
