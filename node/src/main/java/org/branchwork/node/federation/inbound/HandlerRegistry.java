package org.branchwork.node.federation.inbound;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.node.federation.mapping.EmbeddedCopy;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;

/**
 * Which handler takes a verified activity: keyed by (activity type, object kind), the kind resolved
 * once; a handler registered for any kind of a type takes what no exact entry does. Types and kinds
 * without a handler are stored and ignored, never an error.
 */
public final class HandlerRegistry {

    private final Function<Activity, ObjectKind> kinds;
    private final Map<ActivityType, Map<ObjectKind, InboundHandler>> exact = new EnumMap<>(ActivityType.class);
    private final Map<ActivityType, InboundHandler> anyKind = new EnumMap<>(ActivityType.class);

    /** @param kinds resolves what an activity's object is (a lookup, at most one query) */
    public HandlerRegistry(Function<Activity, ObjectKind> kinds) {
        this.kinds = kinds;
    }

    public HandlerRegistry on(ActivityType type, ObjectKind kind, InboundHandler handler) {
        InboundHandler earlier = exact.computeIfAbsent(type, t -> new EnumMap<>(ObjectKind.class))
                .put(kind, handler);
        if (earlier != null) {
            throw new IllegalStateException("two handlers for " + type + " of " + kind);
        }
        return this;
    }

    /** The handler for a type whatever its object (and for the kinds with no exact entry). */
    public HandlerRegistry onAny(ActivityType type, InboundHandler handler) {
        if (anyKind.put(type, Objects.requireNonNull(handler)) != null) {
            throw new IllegalStateException("two handlers for any " + type);
        }
        return this;
    }

    /** Handles an activity as read, with its document as received (for the embedded object's exact JSON). */
    public Outcome dispatch(Activity activity, JsonNode document) {
        ObjectKind kind = activity.object().isEmpty() ? ObjectKind.NONE : kinds.apply(activity);
        InboundHandler handler = exact.getOrDefault(activity.kind(), Map.of()).get(kind);
        if (handler == null) {
            handler = anyKind.get(activity.kind());
        }
        if (handler == null) {
            return Outcome.ignored("no handler for " + activity.type() + " of "
                    + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
        return handler.handle(new Inbound(activity, kind, EmbeddedCopy.objectOf(document)));
    }
}
