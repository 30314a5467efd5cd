package org.branchwork.protocol.jsonld;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the active context built from a {@code @context} value: a peer sends the same context
 * with every document, and building it copies every term definition. Bounded, and owned by one
 * codec instance (no global state).
 */
final class ContextCache {

    /** A cache that remembers nothing. */
    static final ContextCache NONE = new ContextCache(0);

    private final int capacity;
    private final Map<Key, ActiveContext> entries = new ConcurrentHashMap<>();

    private record Key(ActiveContext base, com.fasterxml.jackson.databind.JsonNode context) {}

    ContextCache(int capacity) {
        this.capacity = capacity;
    }

    ActiveContext apply(ActiveContext base, com.fasterxml.jackson.databind.JsonNode context) {
        if (capacity == 0) {
            return base.with(context);
        }
        Key key = new Key(base, context);
        ActiveContext cached = entries.get(key);
        if (cached != null) {
            return cached;
        }
        if (entries.size() >= capacity) {
            entries.clear(); // crude, but a node sees a few dozen distinct contexts, not thousands
        }
        ActiveContext built = base.with(context);
        entries.put(key, built);
        return built;
    }
}
