package org.branchwork.protocol.nodeinfo;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.protocol.webfinger.Jrd;

/** Reads and writes NodeInfo documents and the {@code /.well-known/nodeinfo} discovery document. */
public final class NodeInfoCodec {

    public static final String SCHEMA_20 = "http://nodeinfo.diaspora.software/ns/schema/2.0";
    public static final String SCHEMA_21 = "http://nodeinfo.diaspora.software/ns/schema/2.1";

    private final ObjectMapper json = new ObjectMapper();

    /** The outcome of reading a NodeInfo document. */
    public sealed interface Result {
        /** Read. */
        record Read(NodeInfo nodeInfo) implements Result {}

        /** Refused, with the reason. */
        record Refused(String reason) implements Result {}
    }

    /** The NodeInfo document URL to fetch from a discovery document: 2.1 preferred, then 2.0. */
    public Optional<URI> preferredLink(Jrd discovery) {
        for (String schema : List.of(SCHEMA_21, SCHEMA_20)) {
            for (Jrd.JrdLink link : discovery.links()) {
                if (schema.equals(link.rel()) && link.href() != null) {
                    return Optional.of(URI.create(link.href()));
                }
            }
        }
        return Optional.empty();
    }

    public Result read(byte[] document) {
        JsonNode root;
        try {
            root = json.readTree(document);
        } catch (IOException e) {
            return new Result.Refused("not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            return new Result.Refused("not a JSON object");
        }
        String version = root.path("version").asText("");
        if (!version.equals("2.0") && !version.equals("2.1")) {
            return new Result.Refused(
                    root.has("links")
                            ? "a discovery document, not a NodeInfo document"
                            : "unsupported NodeInfo version '" + version + "' (2.0 and 2.1 are read)");
        }
        JsonNode software = root.path("software");
        if (!software.path("name").isTextual()) {
            return new Result.Refused("software.name is required");
        }
        JsonNode usage = root.path("usage");
        return new Result.Read(new NodeInfo(
                version,
                new NodeInfo.Software(
                        software.get("name").textValue(),
                        text(software, "version"),
                        text(software, "repository"),
                        text(software, "homepage")),
                strings(root.path("protocols")),
                new NodeInfo.Services(
                        strings(root.path("services").path("inbound")),
                        strings(root.path("services").path("outbound"))),
                root.path("openRegistrations").asBoolean(false),
                new NodeInfo.Usage(
                        number(usage.path("users").path("total")),
                        number(usage.path("users").path("activeMonth")),
                        number(usage.path("users").path("activeHalfyear")),
                        number(usage.path("localPosts"))),
                text(root.path("metadata"), "nodeName")));
    }

    /** The NodeInfo 2.1 document for a node. */
    public String write(NodeInfo info) {
        ObjectNode root = json.createObjectNode();
        root.put("version", "2.1");
        ObjectNode software = root.putObject("software");
        software.put("name", info.software().name());
        put(software, "version", info.software().version());
        put(software, "repository", info.software().repository());
        put(software, "homepage", info.software().homepage());
        info.protocols().forEach(root.putArray("protocols")::add);
        ObjectNode services = root.putObject("services");
        info.services().inbound().forEach(services.putArray("inbound")::add);
        info.services().outbound().forEach(services.putArray("outbound")::add);
        root.put("openRegistrations", info.openRegistrations());
        ObjectNode usage = root.putObject("usage");
        ObjectNode users = usage.putObject("users");
        putNumber(users, "total", info.usage().totalUsers());
        putNumber(users, "activeMonth", info.usage().activeMonth());
        putNumber(users, "activeHalfyear", info.usage().activeHalfyear());
        putNumber(usage, "localPosts", info.usage().localPosts());
        ObjectNode metadata = root.putObject("metadata");
        put(metadata, "nodeName", info.nodeName());
        return root.toString();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> {
            if (n.isTextual()) {
                out.add(n.textValue());
            }
        });
        return out;
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static Long number(JsonNode node) {
        return node.isIntegralNumber() ? node.longValue() : null;
    }

    private static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }

    private static void putNumber(ObjectNode node, String name, Long value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
