package org.branchwork.node.federation.local;

import java.security.PublicKey;
import java.util.Optional;

import org.branchwork.node.domain.ActorKeys;
import org.branchwork.node.domain.Branch;
import org.branchwork.node.domain.PublicProfile;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.ActorKeyService;
import org.branchwork.node.service.ActorKeyService.ActorRole;
import org.branchwork.node.service.BranchService;
import org.branchwork.node.storage.PublicProfileStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.sig.SigningKey;

/**
 * The node's two actors and their keys: the branch {@code Group} (once the branch exists) and the
 * instance {@code Application}. Keys are loaded once and kept, as signing needs them on every
 * delivery.
 */
public final class LocalActors {

    /** The branch with the keys of its {@code Group} actor. */
    public record BranchActor(Branch branch, ActorKeys keys) {}

    private final BranchService branches;
    private final ActorKeyService keys;
    private final LocalUris uris;
    private final Transactions tx;
    private final PublicProfileStore profiles;
    private volatile ActorKeys instanceKeys;
    private volatile BranchActor cachedBranch;

    public LocalActors(
            BranchService branches,
            ActorKeyService keys,
            LocalUris uris,
            Transactions tx,
            PublicProfileStore profiles) {
        this.tx = tx;
        this.profiles = profiles;
        this.branches = branches;
        this.keys = keys;
        this.uris = uris;
    }

    /** The instance actor's keys; created on first start (the key ids need the public origin). */
    public ActorKeys instanceKeys() {
        ActorKeys k = instanceKeys;
        if (k == null) {
            synchronized (this) {
                k = instanceKeys;
                if (k == null) {
                    k = keys.keysOf(
                            ActorRole.INSTANCE,
                            uris.instanceRsaKey().toString(),
                            uris.instanceEd25519Key().toString());
                    instanceKeys = k;
                }
            }
        }
        return k;
    }

    /** A member's public actor: what it shows and the key that signs its activities. */
    public record PersonActor(PublicProfile profile, SigningKey rsa, PublicKey rsaPublic) {}

    /** The person actor with this handle, if a member published one. */
    public Optional<PersonActor> person(String handle) {
        return tx.inTransaction(c -> profiles.byHandle(c, handle))
                .map(p -> new PersonActor(
                        new PublicProfile(p.handle(), p.displayName()),
                        new SigningKey(uris.personRsaKey(p.handle()).toString(), Pem.readPrivateKey(p.privatePem())),
                        Pem.readPublicKey(p.publicPem())));
    }

    /** The branch actor, or empty while the node is not set up. */
    public Optional<BranchActor> branch() {
        Optional<Branch> branch = branches.current();
        if (branch.isEmpty()) {
            return Optional.empty();
        }
        BranchActor cached = cachedBranch;
        if (cached != null && cached.branch().equals(branch.get())) {
            return Optional.of(cached);
        }
        String slug = branch.get().slug();
        BranchActor fresh = new BranchActor(
                branch.get(),
                keys.keysOf(
                        ActorRole.BRANCH,
                        uris.branchRsaKey(slug).toString(),
                        uris.branchEd25519Key(slug).toString()));
        cachedBranch = fresh;
        return Optional.of(fresh);
    }
}
