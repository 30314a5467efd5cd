package org.branchwork.protocol.jsonld;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A normalized object whose properties are taken one by one; what is never taken becomes extensions. */
final class Fields {

    private final ObjectNode node;
    private final Set<String> taken = new HashSet<>();

    Fields(ObjectNode node) {
        this.node = node;
    }

    /** The property (null when absent), marked as understood. */
    JsonNode take(String name) {
        taken.add(name);
        return node.get(name);
    }

    boolean has(String name) {
        return node.has(name) && !node.get(name).isNull();
    }

    /** The properties nobody took. */
    ObjectNode rest() {
        ObjectNode rest = node.deepCopy();
        rest.remove(taken);
        return rest;
    }
}
