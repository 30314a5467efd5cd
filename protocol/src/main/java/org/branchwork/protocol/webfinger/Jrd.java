package org.branchwork.protocol.webfinger;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An RFC 7033 JSON Resource Descriptor: what {@code /.well-known/webfinger} answers (and the shape
 * of the NodeInfo discovery document).
 */
public record Jrd(String subject, List<String> aliases, List<JrdLink> links) {

    /** The {@code rel} of an actor's ActivityPub document link. */
    public static final String SELF = "self";

    public static final String ACTIVITY_JSON = "application/activity+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public Jrd {
        aliases = List.copyOf(aliases);
        links = List.copyOf(links);
    }

    /** One {@code links} entry. */
    public record JrdLink(String rel, String type, String href, String template) {}

    /** The ActivityPub actor IRI: the {@code self} link of an ActivityStreams type. */
    public Optional<URI> actorId() {
        return links.stream()
                .filter(l -> SELF.equals(l.rel())
                        && l.href() != null
                        && l.type() != null
                        && (l.type().startsWith(ACTIVITY_JSON) || l.type().contains("activitystreams")))
                .map(l -> URI.create(l.href()))
                .findFirst();
    }

    public static Jrd parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("a JRD is a JSON object");
        }
        List<String> aliases = new ArrayList<>();
        root.path("aliases").forEach(a -> {
            if (a.isTextual()) {
                aliases.add(a.textValue());
            }
        });
        List<JrdLink> links = new ArrayList<>();
        root.path("links").forEach(l -> {
            if (l.isObject() && l.path("rel").isTextual()) {
                links.add(new JrdLink(l.get("rel").textValue(), text(l, "type"), text(l, "href"), text(l, "template")));
            }
        });
        return new Jrd(text(root, "subject"), aliases, links);
    }

    private static String text(JsonNode node, String name) {
        JsonNode v = node.get(name);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        if (subject != null) {
            root.put("subject", subject);
        }
        if (!aliases.isEmpty()) {
            ArrayNode a = root.putArray("aliases");
            aliases.forEach(a::add);
        }
        ArrayNode l = root.putArray("links");
        for (JrdLink link : links) {
            ObjectNode o = l.addObject();
            o.put("rel", link.rel());
            if (link.type() != null) {
                o.put("type", link.type());
            }
            if (link.href() != null) {
                o.put("href", link.href());
            }
            if (link.template() != null) {
                o.put("template", link.template());
            }
        }
        return root.toString();
    }
}
