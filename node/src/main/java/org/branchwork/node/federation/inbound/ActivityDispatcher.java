package org.branchwork.node.federation.inbound;

import java.util.EnumMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;

/** Routes a verified activity to its handler. Types without one are stored and ignored, never an error. */
public final class ActivityDispatcher {

    /** A handler that also reads the document as received (to verify an embedded object's FEP-8b32 proof). */
    @FunctionalInterface
    public interface DocumentHandler {
        String handle(Activity activity, JsonNode document);
    }

    private final Map<ActivityType, DocumentHandler> handlers = new EnumMap<>(ActivityType.class);

    public ActivityDispatcher on(ActivityType type, ActivityHandler handler) {
        handlers.put(type, (activity, document) -> handler.handle(activity));
        return this;
    }

    public ActivityDispatcher onDocument(ActivityType type, DocumentHandler handler) {
        handlers.put(type, handler);
        return this;
    }

    public String dispatch(Activity activity, JsonNode document) {
        DocumentHandler handler = handlers.get(activity.kind());
        return handler == null ? "stored: no handler for " + activity.type() : handler.handle(activity, document);
    }
}
