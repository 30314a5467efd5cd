package org.branchwork.node.federation.mapping;

import java.net.URI;

import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Ref;

/** Follows on the wire: the branch's {@code Follow} and its {@code Undo}, and its answer to someone else's. */
public final class FollowMapper {

    private FollowMapper() {}

    /** The branch follows {@code target}. */
    public static Activity follow(URI id, URI branch, URI target) {
        return Activity.of(
                ObjectCore.of(id, "Follow").withAttribution(branch, Audience.to(target)),
                ActivityType.FOLLOW,
                Ref.to(branch),
                Ref.to(target));
    }

    /** The branch takes back its {@code Follow} ({@code followId}) of {@code target}, embedding it. */
    public static Activity undo(URI id, URI branch, URI target, URI followId) {
        Activity follow =
                Activity.of(ObjectCore.of(followId, "Follow"), ActivityType.FOLLOW, Ref.to(branch), Ref.to(target));
        return Activity.of(
                ObjectCore.of(id, "Undo").withAttribution(branch, Audience.to(target)),
                ActivityType.UNDO,
                Ref.to(branch),
                Ref.to(follow));
    }

    /** The branch's {@code Accept} (or {@code Reject}) of {@code follower}'s {@code Follow}, embedding it. */
    public static Activity answer(URI id, URI branch, URI follower, URI followId, boolean accepted) {
        Activity follow =
                Activity.of(ObjectCore.of(followId, "Follow"), ActivityType.FOLLOW, Ref.to(follower), Ref.to(branch));
        return Activity.of(
                ObjectCore.of(id, accepted ? "Accept" : "Reject").withAttribution(branch, Audience.to(follower)),
                accepted ? ActivityType.ACCEPT : ActivityType.REJECT,
                Ref.to(branch),
                Ref.to(follow));
    }
}
