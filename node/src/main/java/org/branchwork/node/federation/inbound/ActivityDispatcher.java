package org.branchwork.node.federation.inbound;

import java.util.EnumMap;
import java.util.Map;

import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;

/** Routes a verified activity to its handler. Types without one are stored and ignored, never an error. */
public final class ActivityDispatcher {

    private final Map<ActivityType, ActivityHandler> handlers = new EnumMap<>(ActivityType.class);

    public ActivityDispatcher on(ActivityType type, ActivityHandler handler) {
        handlers.put(type, handler);
        return this;
    }

    public String dispatch(Activity activity) {
        ActivityHandler handler = handlers.get(activity.kind());
        return handler == null ? "stored: no handler for " + activity.type() : handler.handle(activity);
    }
}
