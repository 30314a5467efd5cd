package org.branchwork.node;

import java.security.SecureRandom;
import java.time.Clock;

import org.branchwork.node.config.NodeConfig;
import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.federation.outbound.RetrySchedule;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.http.PublicOrigin;
import org.branchwork.node.security.PasswordHasher;
import org.branchwork.node.service.ActorKeyService;
import org.branchwork.node.service.BranchService;
import org.branchwork.node.service.SetupService;
import org.branchwork.node.storage.ActorKeyStore;
import org.branchwork.node.storage.BranchStore;
import org.branchwork.node.storage.Database;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.PublicProfileStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.protocol.jsonld.ActivityCodec;

/**
 * What every other assembly stands on: the configuration, the database and its transactions, the
 * clock every rule reads, the public origin and local IRIs, the branch, and this node's actors with
 * their keys (generated before the node listens: RSA-2048 takes a moment).
 */
record Foundation(
        NodeConfig config,
        Database database,
        Transactions tx,
        Clock clock,
        SecureRandom random,
        PublicOrigin origin,
        LocalUris uris,
        ActivityCodec codec,
        BranchService branches,
        SetupService setup,
        PasswordHasher hasher,
        MemberStore memberStore,
        PublicProfileStore profileStore,
        LocalActors actors) {

    static Foundation build(NodeConfig config, Database database, Clock clock) {
        SecureRandom random = new SecureRandom();
        PublicOrigin origin = new PublicOrigin(config.publicUrl());
        Transactions tx = database.transactions();
        BranchStore branchStore = new BranchStore();
        MemberStore memberStore = new MemberStore();
        BranchService branches = new BranchService(tx, branchStore, clock);
        config.configuredBranchSlug()
                .ifPresent(slug -> branches.applyConfigured(
                        slug, config.configuredBranchName().orElse(slug)));
        PasswordHasher hasher = new PasswordHasher(random);
        SetupService setup = new SetupService(
                tx,
                branchStore,
                memberStore,
                hasher,
                clock,
                random,
                config.configuredBranchSlug().isPresent());
        LocalUris uris = new LocalUris(origin);
        ActorKeyService keys = new ActorKeyService(tx, new ActorKeyStore(), random, clock);
        PublicProfileStore profileStore = new PublicProfileStore();
        LocalActors actors = new LocalActors(branches, keys, uris, tx, profileStore);
        keys.ensureKeys(ActorKeyService.ActorRole.INSTANCE);
        keys.ensureKeys(ActorKeyService.ActorRole.BRANCH);
        return new Foundation(
                config,
                database,
                tx,
                clock,
                random,
                origin,
                uris,
                new ActivityCodec(),
                branches,
                setup,
                hasher,
                memberStore,
                profileStore,
                actors);
    }

    /** A new schedule each time, as before the split: the delivery worker and the inbox each have their own. */
    RetrySchedule newRetrySchedule() {
        return new RetrySchedule(random, config.firstRetry());
    }
}
