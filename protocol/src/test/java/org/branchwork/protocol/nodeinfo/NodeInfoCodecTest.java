package org.branchwork.protocol.nodeinfo;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeInfoCodecTest {

    private final NodeInfoCodec codec = new NodeInfoCodec();

    @Test
    void writesNodeInfo21ThatReadsBack() {
        NodeInfo info = new NodeInfo(
                "2.1",
                new NodeInfo.Software("branchwork", "0.1.0", null, null),
                List.of("activitypub"),
                new NodeInfo.Services(List.of(), List.of()),
                true,
                new NodeInfo.Usage(120L, 40L, 90L, 12L),
                "Momentum Stockport");

        String json = codec.write(info);

        assertThat(codec.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(new NodeInfoCodec.Result.Read(info));
        assertThat(json).contains("\"version\":\"2.1\"").contains("\"protocols\":[\"activitypub\"]");
    }

    @Test
    void refusesOtherVersionsAndDiscoveryDocuments() {
        assertThat(codec.read("{\"version\":\"1.1\",\"software\":{\"name\":\"x\"}}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(
                        new NodeInfoCodec.Result.Refused("unsupported NodeInfo version '1.1' (2.0 and 2.1 are read)"));
        assertThat(codec.read("{\"links\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(new NodeInfoCodec.Result.Refused("a discovery document, not a NodeInfo document"));
    }
}
