package org.branchwork.node.federation.inbound;

import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.http.Problem;
import org.branchwork.node.service.PeerPolicy;
import org.branchwork.node.storage.GroupCommitter;
import org.branchwork.node.storage.InboxStore;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.sig.HttpSignatureVerifier;
import org.branchwork.protocol.vocab.Activity;

/**
 * The inbox pipeline, one named stage per check, in this order: content type, parse (with the
 * depth cap), peer policy (blocks and allow-list, before any fetch), HTTP signature (with time
 * window and digest), key owner is the actor, then dedupe and store. The body size cap is the {@link InboxEndpoint}'s. Every refusal writes nothing.
 */
public final class InboxPipeline {

    private static final Logger LOG = Logger.getLogger(InboxPipeline.class.getName());

    /** The pipeline's verdict. */
    public sealed interface Result {
        /**
         * Stored (or already stored: {@code duplicate}); answer 202. The activity as read and its
         * document as parsed go to the handler, so that it does not parse the body again.
         */
        record Accepted(String activityId, boolean duplicate, Activity activity, JsonNode document, int size)
                implements Result {}

        /** Refused; answer with the problem. */
        record Refused(Problem problem) implements Result {}
    }

    private final ContentTypeStage contentType = new ContentTypeStage();
    private final ParseStage parse;
    private final PeerPolicyStage peerPolicy;
    private final SignatureStage signature;
    private final KeyOwnerStage keyOwner = new KeyOwnerStage();
    private final GroupCommitter<InboxStore.Received, Boolean> inserts;

    public InboxPipeline(
            ActivityCodec codec,
            HttpSignatureVerifier verifier,
            ActorResolver actors,
            PeerPolicy policy,
            java.util.function.Supplier<java.net.URI> origin,
            GroupCommitter<InboxStore.Received, Boolean> inserts) {
        this.parse = new ParseStage(codec);
        this.peerPolicy = new PeerPolicyStage(policy);
        this.signature = new SignatureStage(verifier, actors, policy, origin);
        this.inserts = inserts;
    }

    public Result process(Received received) {
        InboxStage.Step<Verified> checked = contentType
                .apply(received)
                .then(parse)
                .then(peerPolicy)
                .then(signature)
                .then(keyOwner);
        if (checked instanceof InboxStage.Step.Stop<Verified>(Problem p)) {
            LOG.info(() -> "Inbox refused " + received.request().target() + ": " + p.code() + ": " + p.detail());
            return new Result.Refused(p);
        }
        Parsed parsed = ((InboxStage.Step.Pass<Verified>) checked).value().parsed();
        var activity = parsed.activity();
        String id = activity.id().orElseThrow().toString();
        InboxStore.Received stored = new InboxStore.Received(
                id,
                activity.actor().id().orElseThrow().toString(),
                activity.type(),
                new String(received.body(), StandardCharsets.UTF_8));
        // Stored with other requests' activities in one transaction and one log sync (group commit);
        // durable when the future completes, before the sender hears 202.
        boolean fresh;
        try {
            fresh = inserts.submit(stored).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result.Refused(new Problem(503, "stopping", "Service unavailable", "The node is stopping."));
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.branchwork.node.storage.StorageException storage) {
                throw storage; // a full disk is a 503 the sender retries, not a 500
            }
            throw new IllegalStateException("storing the activity failed", e.getCause());
        }
        return new Result.Accepted(id, !fresh, activity, parsed.document(), received.body().length);
    }
}
