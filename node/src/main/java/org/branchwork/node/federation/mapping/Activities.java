package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.time.Instant;

import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Ref;

/** Activities the branch sends about its own content: by the {@code Group}, to Public and its followers. */
final class Activities {

    private Activities() {}

    static Activity wrap(URI id, ActivityType type, Instant when, String branchSlug, LocalUris uris, Ref object) {
        URI branch = uris.branchActor(branchSlug);
        return Activity.of(
                ObjectCore.of(id, type.term())
                        .withTimes(when, null)
                        .withAttribution(branch, Audience.publicWithFollowers(uris.branchFollowers(branchSlug))),
                type,
                Ref.to(branch),
                object);
    }
}
