package org.branchwork.node.web.view;

import java.util.List;

/**
 * The admin page: federation (follows, followers, approvals), the delivery queue, node settings,
 * and the audit log a page at a time ({@code auditNewer}/{@code auditOlder} are links or null).
 */
public record AdminView(
        String title,
        String csrf,
        String notice,
        List<Follow> following,
        List<String> followers,
        long followerCount,
        List<Request> requests,
        long pending,
        long failing,
        long delivered,
        long dead,
        List<Host> hosts,
        List<DeadLetter> deadLetters,
        List<InboxDeadLetter> inboxDeadLetters,
        List<Audit> audit,
        String auditNewer,
        String auditOlder,
        Settings settings) {

    /** Mustache.java cannot test a list's first element: these say whether a list has any. */
    public boolean hasHosts() {
        return !hosts.isEmpty();
    }

    public boolean hasDeadLetters() {
        return !deadLetters.isEmpty();
    }

    public boolean hasInboxDeadLetters() {
        return !inboxDeadLetters.isEmpty();
    }

    /** Who the node federates with and how follows are answered. */
    public record Settings(
            boolean allowlist,
            boolean manualApproval,
            List<String> domainBlocks,
            List<String> actorBlocks,
            List<String> allowedDomains) {}

    /** A branch we follow. */
    public record Follow(String actor, String state) {}

    /** A follow request waiting for an admin: who, by name, and the actor id the answer names. */
    public record Request(String name, String id) {}

    /** A host in trouble. */
    public record Host(String host, boolean unavailable, String failingSince, String lastError, String nextProbe) {}

    /** A dead letter. */
    public record DeadLetter(long id, String inbox, String activity, String error, String at) {}

    /** A received activity whose handling ran out of attempts. */
    public record InboxDeadLetter(String activity, String type, String actor, int attempts, String error, String at) {}

    /** An audit entry. */
    public record Audit(String at, String actor, String action, String subject, String detail) {}
}
