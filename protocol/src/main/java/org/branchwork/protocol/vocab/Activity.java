package org.branchwork.protocol.vocab;

import java.util.List;
import java.util.Optional;

/**
 * An activity. {@code object} is a list because some peers send several (Mastodon's {@code Flag}
 * names the reported account and statuses); {@link #object()} gives the first.
 *
 * @param kind    the activity type, or {@link ActivityType#OTHER} (the type name is in the core)
 * @param actor   who acts; exactly one. Only an activity embedded in another may leave it out
 *                ({@link Ref.Unstated}): there the outer, signed activity's actor is the authority
 * @param objects {@code object}
 */
public record Activity(
        ObjectCore core,
        ActivityType kind,
        Ref actor,
        List<Ref> objects,
        Ref target,
        Ref origin,
        Ref result,
        Ref instrument)
        implements AsObject {

    public Activity {
        objects = List.copyOf(objects);
    }

    /** An activity of one object, the shape nearly every activity a node sends has. */
    public static Activity of(ObjectCore core, ActivityType kind, Ref actor, Ref object) {
        return new Activity(core, kind, actor, List.of(object), null, null, null, null);
    }

    /** An activity with no object of its own but a {@code target} ({@code Add} of a report to a campaign names both). */
    public static Activity toTarget(ObjectCore core, ActivityType kind, Ref actor, Ref target) {
        return new Activity(core, kind, actor, List.of(), target, null, null, null);
    }

    public Optional<Ref> object() {
        return objects.stream().findFirst();
    }
}
