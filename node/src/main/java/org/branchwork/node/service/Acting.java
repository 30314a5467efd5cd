package org.branchwork.node.service;

import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;

/**
 * Who is acting, as services see it: a signed-in member with their role, or the operator's API
 * token ({@code member} null, admin rights). Services check roles again: the web layer's check is
 * not the only one.
 */
public record Acting(MemberId member, Role role) {

    public static Acting apiToken() {
        return new Acting(null, Role.ADMIN);
    }

    public boolean can(Role needed) {
        return role.includes(needed);
    }

    /** The id for the audit log: null for the API token. */
    public Long auditId() {
        return member == null ? null : member.value();
    }
}
