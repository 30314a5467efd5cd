package org.branchwork.node.service;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;

import org.branchwork.node.domain.ActorKeys;
import org.branchwork.node.storage.ActorKeyStore;
import org.branchwork.node.storage.ActorKeyStore.StoredKey;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.sig.KeyPairs;
import org.branchwork.protocol.sig.Pem;
import org.branchwork.protocol.sig.SigningKey;

/**
 * The node's actor keys: generated on first use, then loaded. Keys belong to the node's data and
 * are backed up with it; losing them means peers no longer recognise the branch's signatures.
 */
public final class ActorKeyService {

    /** Which of the node's actors. */
    public enum ActorRole {
        BRANCH("branch"),
        INSTANCE("instance");

        private final String code;

        ActorRole(String code) {
            this.code = code;
        }
    }

    private final Transactions tx;
    private final ActorKeyStore store;
    private final SecureRandom random;
    private final Clock clock;

    public ActorKeyService(Transactions tx, ActorKeyStore store, SecureRandom random, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.random = random;
        this.clock = clock;
    }

    /** Creates the actor's key pairs if it has none yet (RSA generation takes a moment). */
    public void ensureKeys(ActorRole role) {
        loadOrCreate(role, "rsa");
        loadOrCreate(role, "ed25519");
    }

    /** The keys of an actor, created if it has none yet; the ids are where the public halves are published. */
    public ActorKeys keysOf(ActorRole role, String rsaKeyId, String ed25519KeyId) {
        StoredKey rsa = loadOrCreate(role, "rsa");
        StoredKey ed = loadOrCreate(role, "ed25519");
        PrivateKey rsaPrivate = Pem.readPrivateKey(rsa.privatePem());
        PublicKey rsaPublic = Pem.readPublicKey(rsa.publicPem());
        PrivateKey edPrivate = Pem.readPrivateKey(ed.privatePem());
        PublicKey edPublic = Pem.readPublicKey(ed.publicPem());
        return new ActorKeys(
                new SigningKey(rsaKeyId, rsaPrivate), rsaPublic, new SigningKey(ed25519KeyId, edPrivate), edPublic);
    }

    private StoredKey loadOrCreate(ActorRole role, String type) {
        return tx.inTransaction(c -> {
            var existing = store.find(c, role.code, type);
            if (existing.isPresent()) {
                return existing.get();
            }
            KeyPair pair = type.equals("rsa") ? KeyPairs.generateRsa(random) : KeyPairs.generateEd25519(random);
            StoredKey key = new StoredKey(Pem.writePublicKey(pair.getPublic()), Pem.writePrivateKey(pair.getPrivate()));
            store.insert(c, role.code, type, key, clock.instant());
            return key;
        });
    }
}
