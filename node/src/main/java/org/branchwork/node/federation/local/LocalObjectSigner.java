package org.branchwork.node.federation.local;

import java.time.Clock;

import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.service.RequestRefused;
import org.branchwork.protocol.jsonld.ActivityCodec;
import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tombstone;

/**
 * The branch's FEP-8b32 proofs, by its Ed25519 key: on what it sends and on what it serves at its
 * objects' IRIs. An activity's embedded object carries its own proof too, so a copy relayed by
 * another branch stays verifiable without asking us.
 */
public final class LocalObjectSigner {

    private final ActivityCodec codec;
    private final LocalActors actors;
    private final Clock clock;

    public LocalObjectSigner(ActivityCodec codec, LocalActors actors, Clock clock) {
        this.codec = codec;
        this.actors = actors;
        this.clock = clock;
    }

    /** The activity with its object and itself each proved, as the JSON that goes out. */
    public ObjectNode activity(Activity activity) {
        // The branch (and its key) is looked up once: each lookup is a query.
        LocalActors.BranchActor branch = branch();
        ObjectNode json = codec.toJson(activity);
        AsObject object = activity.object().flatMap(Ref::embedded).orElse(null);
        if (object != null && !(object instanceof Tombstone)) {
            json.set("object", sign(codec.toJson(object), branch));
        }
        return sign(json, branch);
    }

    /** An object of the branch's with its proof, as served at its IRI. */
    public ObjectNode object(AsObject object) {
        return sign(codec.toJson(object));
    }

    /** A document the branch built (with extension terms the vocabulary does not model), proved as it stands. */
    public ObjectNode sign(ObjectNode json) {
        return sign(json, branch());
    }

    private ObjectNode sign(ObjectNode json, LocalActors.BranchActor branch) {
        return DataIntegrityProofs.sign(json, branch.keys().ed25519(), clock.instant());
    }

    private LocalActors.BranchActor branch() {
        return actors.branch().orElseThrow(() -> new RequestRefused.NotSetUp("The node has no branch yet."));
    }
}
