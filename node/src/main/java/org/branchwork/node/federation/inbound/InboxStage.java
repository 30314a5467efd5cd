package org.branchwork.node.federation.inbound;

import java.util.Optional;

import org.branchwork.node.http.Problem;

/** One check of the inbox pipeline: empty to continue, or the refusal to answer with. */
@FunctionalInterface
public interface InboxStage {
    Optional<Problem> apply(InboxContext context);
}
