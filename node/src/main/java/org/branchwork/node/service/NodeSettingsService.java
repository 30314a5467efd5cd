package org.branchwork.node.service;

import java.util.List;
import java.util.Locale;

import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.PeerPolicyStore.PolicyList;
import org.branchwork.node.storage.Transactions;

/**
 * The admin's node settings (who the node federates with, and whether follows wait for approval),
 * changed the same way from the admin page and the API, and each change written to the audit log.
 */
public final class NodeSettingsService {

    /** The settings as an admin sees them. */
    public record Settings(
            PeerPolicy.Mode mode,
            boolean manualApproval,
            List<String> domainBlocks,
            List<String> actorBlocks,
            List<String> allowedDomains) {}

    private final PeerPolicy policy;
    private final AuditLog audit;
    private final Transactions tx;

    public NodeSettingsService(PeerPolicy policy, AuditLog audit, Transactions tx) {
        this.policy = policy;
        this.audit = audit;
        this.tx = tx;
    }

    public Settings current(Acting who) {
        require(who);
        return new Settings(
                policy.mode(),
                policy.manualApproval(),
                policy.list(PolicyList.DOMAIN_BLOCK),
                policy.list(PolicyList.ACTOR_BLOCK),
                policy.list(PolicyList.ALLOWED_DOMAIN));
    }

    public void setMode(Acting who, PeerPolicy.Mode mode) {
        require(who);
        if (policy.mode() != mode) {
            policy.setMode(mode);
            record(who, "settings.federation_mode", mode.name().toLowerCase(Locale.ROOT));
        }
    }

    public void setManualApproval(Acting who, boolean manual) {
        require(who);
        if (policy.manualApproval() != manual) {
            policy.setManualApproval(manual);
            record(who, "settings.follow_approval", manual ? "manual" : "auto");
        }
    }

    /** Adds to a list; false if it was there. An invalid value throws IllegalArgumentException with the reason. */
    public boolean add(Acting who, PolicyList list, String value) {
        require(who);
        boolean added = policy.add(list, value);
        if (added) {
            record(who, "settings." + list.name().toLowerCase(Locale.ROOT) + "_added", value.strip());
        }
        return added;
    }

    /** Removes from a list; false if it was not there. */
    public boolean remove(Acting who, PolicyList list, String value) {
        require(who);
        boolean removed = policy.remove(list, value);
        if (removed) {
            record(who, "settings." + list.name().toLowerCase(Locale.ROOT) + "_removed", value.strip());
        }
        return removed;
    }

    private void record(Acting who, String action, String detail) {
        tx.inTransaction(c -> {
            audit.record(c, who, action, null, detail);
            return null;
        });
    }

    private static void require(Acting who) {
        if (who == null || !who.can(Role.ADMIN)) {
            throw new NotAllowed("Node settings need the admin role.");
        }
    }
}
