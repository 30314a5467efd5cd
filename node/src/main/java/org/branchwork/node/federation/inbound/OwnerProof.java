package org.branchwork.node.federation.inbound;

import java.net.URI;
import java.net.URISyntaxException;

import com.fasterxml.jackson.databind.JsonNode;

import org.branchwork.node.federation.mapping.EmbeddedCopy;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.protocol.proof.DataIntegrityProofs;
import org.branchwork.protocol.proof.ProofCheck;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Origins;
import org.branchwork.protocol.vocab.Ref;

/**
 * The one check of an owner's FEP-8b32 proof on an object relayed by someone else (a campaign in a
 * branch's {@code Announce}, an event in a {@code Create} from another origin): the proof's key is
 * in the {@code assertionMethod} of the object's {@code attributedTo}, on the object's origin, and
 * it verifies over the copy as received. Then the copy can be taken as its owner wrote it, without
 * fetching it from the owner.
 */
public final class OwnerProof {

    private final ActorResolver resolver;

    public OwnerProof(ActorResolver resolver) {
        this.resolver = resolver;
    }

    public boolean proves(AsObject object, EmbeddedCopy copy) {
        JsonNode raw = copy.json().orElse(null);
        if (raw == null || !raw.has("proof")) {
            return false;
        }
        URI id = object.id().orElse(null);
        URI author = object.core().attributedTo().stream()
                .findFirst()
                .flatMap(Ref::id)
                .orElse(null);
        if (id == null
                || author == null
                || !Origins.same(id, author)
                || !(DataIntegrityProofs.inspect(raw) instanceof ProofCheck.Pending pending)) {
            return false;
        }
        URI keyId;
        try {
            keyId = new URI(pending.verificationMethod());
        } catch (URISyntaxException e) {
            return false;
        }
        if (verifies(resolver.assertionKey(keyId), author, raw)) {
            return true;
        }
        // The cached key may have been rotated: the controller's document is fetched once more.
        return verifies(resolver.refreshAssertionKey(keyId), author, raw);
    }

    private static boolean verifies(
            java.util.Optional<java.util.Map.Entry<URI, java.security.PublicKey>> key, URI author, JsonNode raw) {
        return key.filter(k -> k.getKey().equals(author))
                .map(k -> DataIntegrityProofs.verify(raw, k.getValue()) instanceof ProofCheck.Valid)
                .orElse(false);
    }
}
