package org.branchwork.protocol.vocab;

import java.util.List;

/** A {@code Collection} or {@code OrderedCollection} (which one is {@link #ordered()}). */
public record Collection(ObjectCore core, boolean ordered, Long totalItems, Ref first, Ref last, List<Ref> items)
        implements AsObject {

    public Collection {
        items = List.copyOf(items);
    }
}
