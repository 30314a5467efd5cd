package org.branchwork.protocol.jsonld;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.protocol.vocab.AsObject;

/**
 * The only JSON entry point: reads ActivityStreams documents into the typed model, tolerantly, or
 * refuses them with a reason; writes the model strictly, with Branchwork's {@code @context}.
 * Instances are thread-safe; each keeps a small cache of the {@code @context}s it has seen.
 */
public final class ActivityCodec {

    /** Deeper JSON is refused before it is built (a cheap denial-of-service guard). */
    public static final int MAX_DEPTH = 64;

    private final ObjectMapper json;
    private final ContextCache contexts = new ContextCache(256);

    public ActivityCodec() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(4 * 1024 * 1024)
                        .maxNumberLength(100)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.json = JsonMapper.builder(factory).build();
    }

    public Decoded read(String document) {
        return read(document.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a document; never throws for bad input. */
    public Decoded read(byte[] document) {
        return switch (parseDocument(document)) {
            case ParsedDocument.Tree(JsonNode tree) -> read(tree);
            case ParsedDocument.Refused(String reason) -> new Decoded.Refused(reason);
        };
    }

    /** Parses a document for {@link #read(JsonNode)}, keeping the tree; never throws for bad input. */
    public ParsedDocument parseDocument(byte[] document) {
        java.util.Optional<String> badUtf8 = Utf8.problem(document);
        if (badUtf8.isPresent()) {
            return new ParsedDocument.Refused("not valid UTF-8: " + badUtf8.get());
        }
        JsonNode tree;
        try {
            tree = json.readTree(document);
        } catch (JsonProcessingException e) {
            return new ParsedDocument.Refused("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new ParsedDocument.Refused("unreadable: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            return new ParsedDocument.Refused("empty document");
        }
        return new ParsedDocument.Tree(tree);
    }

    /** Reads an already parsed document. */
    public Decoded read(JsonNode tree) {
        if (!tree.isObject()) {
            return new Decoded.Refused("not a JSON object");
        }
        try {
            JsonNode normalized = Normalizer.normalize(tree, ActiveContext.DEFAULT, contexts);
            return new Decoded.Read(ObjectReader.read(normalized));
        } catch (Refusal r) {
            return new Decoded.Refused(r.getMessage());
        }
    }

    /** The document for an object, with {@code @context}, as a tree (for signing with a proof). */
    public ObjectNode toJson(AsObject object) {
        ObjectNode body = ObjectWriter.write(object);
        ObjectNode out = json.createObjectNode();
        out.set("@context", Contexts.documentContext());
        out.setAll(body);
        return out;
    }

    /** The document for an object as compact JSON text. */
    public String write(AsObject object) {
        return write(toJson(object));
    }

    /** Compact JSON text of a tree (for documents finished elsewhere, e.g. with a proof added). */
    public String write(JsonNode tree) {
        try {
            return json.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Parses JSON text into a tree, for callers that sign or inspect raw documents. */
    public JsonNode parse(byte[] document) throws IOException {
        java.util.Optional<String> badUtf8 = Utf8.problem(document);
        if (badUtf8.isPresent()) {
            throw new IOException("not valid UTF-8: " + badUtf8.get());
        }
        return json.readTree(document);
    }
}
