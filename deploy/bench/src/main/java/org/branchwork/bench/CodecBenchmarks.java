package org.branchwork.bench;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.vocab.AsObject;

/** Reading and writing a typical {@code Create(Note)}, next to Jackson's bare tree parse and write. */
@State(Scope.Benchmark)
public class CodecBenchmarks {

    private final ActivityCodec codec = new ActivityCodec();
    private final ObjectMapper jackson = new ObjectMapper();
    private byte[] document;
    private AsObject create;
    private JsonNode tree;

    @Setup
    public void setUp() throws Exception {
        document = Payloads.CREATE_NOTE.getBytes(StandardCharsets.UTF_8);
        create = ((Decoded.Read) codec.read(document)).object();
        tree = jackson.readTree(document);
    }

    @Benchmark
    public Decoded parseCreate() {
        return codec.read(document);
    }

    @Benchmark
    public String writeCreate() {
        return codec.write(create);
    }

    @Benchmark
    public JsonNode rawJacksonReadTree() throws Exception {
        return jackson.readTree(document);
    }

    @Benchmark
    public String rawJacksonWriteTree() throws Exception {
        return jackson.writeValueAsString(tree);
    }
}
