package org.branchwork.node.federation.inbound;

import java.util.Optional;

import org.branchwork.node.web.Problem;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.vocab.Activity;

/** The body must be an activity with an id and an actor; JSON deeper than the codec's cap is refused unparsed. */
final class ParseStage implements InboxStage {

    private final ActivityCodec codec;

    ParseStage(ActivityCodec codec) {
        this.codec = codec;
    }

    @Override
    public Optional<Problem> apply(InboxContext context) {
        return switch (codec.read(context.body())) {
            case Decoded.Refused refused -> Optional.of(Problem.badRequest("unreadable_activity", refused.reason()));
            case Decoded.Read(Activity activity) when activity.id().isPresent() -> {
                context.activity(activity);
                yield Optional.empty();
            }
            case Decoded.Read(Activity activity) -> Optional.of(Problem.badRequest("activity_without_id",
                    "The activity has no id, so it cannot be deduplicated."));
            case Decoded.Read read -> Optional.of(Problem.badRequest("not_an_activity",
                    "An inbox takes activities, not a " + read.object().type() + "."));
        };
    }
}
