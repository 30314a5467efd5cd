package org.branchwork.node.federation.inbound;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.node.http.Problem;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.jsonld.Decoded;
import org.branchwork.protocol.jsonld.ParsedDocument;
import org.branchwork.protocol.vocab.Activity;

/** The body must be an activity with an id and an actor; JSON deeper than the codec's cap is refused unparsed. */
final class ParseStage implements InboxStage<Received, Parsed> {

    private final ActivityCodec codec;

    ParseStage(ActivityCodec codec) {
        this.codec = codec;
    }

    @Override
    public Step<Parsed> apply(Received received) {
        JsonNode tree;
        switch (codec.parseDocument(received.body())) {
            case ParsedDocument.Refused(String reason) -> {
                return Step.stop(unreadable(reason));
            }
            case ParsedDocument.Tree(JsonNode parsed) -> tree = parsed;
        }
        return switch (codec.read(tree)) {
            case Decoded.Refused refused -> Step.stop(unreadable(refused.reason()));
            case Decoded.Read(Activity activity)
            when activity.id().isPresent() -> Step.pass(new Parsed(received, tree, activity));
            case Decoded.Read(Activity activity) ->
                Step.stop(Problem.badRequest(
                        "activity_without_id", "The activity has no id, so it cannot be deduplicated."));
            case Decoded.Read read ->
                Step.stop(Problem.badRequest(
                        "not_an_activity",
                        "An inbox takes activities, not a " + read.object().type() + "."));
        };
    }

    private static Problem unreadable(String reason) {
        return Problem.badRequest("unreadable_activity", reason);
    }
}
