package org.branchwork.protocol.vocab;

import java.util.List;

/** A {@code CollectionPage} or {@code OrderedCollectionPage}. */
public record CollectionPage(
        ObjectCore core, boolean ordered, Long totalItems, Ref partOf, Ref next, Ref prev, List<Ref> items)
        implements AsObject {

    public CollectionPage {
        items = List.copyOf(items);
    }
}
