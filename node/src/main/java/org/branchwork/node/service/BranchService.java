package org.branchwork.node.service;

import java.time.Clock;
import java.util.Optional;

import org.branchwork.node.domain.Branch;
import org.branchwork.node.storage.BranchStore;
import org.branchwork.node.storage.Transactions;

/**
 * The branch this node hosts: who it is, and applying the branch given by the operator's
 * configuration, which wins over what set-up stored.
 */
public final class BranchService {

    private final Transactions tx;
    private final BranchStore branches;
    private final Clock clock;

    public BranchService(Transactions tx, BranchStore branches, Clock clock) {
        this.tx = tx;
        this.branches = branches;
        this.clock = clock;
    }

    public Optional<Branch> current() {
        return tx.inTransaction(branches::find);
    }

    /** Makes the stored branch match the configured handle and name. */
    public Branch applyConfigured(String slug, String name) {
        return tx.inTransaction(c -> {
            Branch branch = branches.find(c)
                    .map(b -> new Branch(slug, name, b.createdAt()))
                    .orElseGet(() -> new Branch(slug, name, clock.instant()));
            branches.save(c, branch);
            return branch;
        });
    }
}
