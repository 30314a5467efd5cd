package org.branchwork.node.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.Transactions;

/**
 * Erasing a member, by their own wish or an organiser's: their row and everything that hangs off
 * it go in one transaction, with what other features hold about them ({@link Links}); the audit
 * log keeps the number only. Once committed, {@code afterErasure} makes it final in the database
 * files ({@link org.branchwork.node.storage.ErasureCompactor}).
 */
public final class MemberErasure {

    /** Data of other features that points at a member, told in the erasing transaction. */
    @FunctionalInterface
    public interface Links {
        void erased(Connection c, MemberId member) throws SQLException;
    }

    private final Transactions tx;
    private final MemberStore members;
    private final AuditLog audit;
    private final Links links;
    private final Runnable afterErasure;

    public MemberErasure(Transactions tx, MemberStore members, AuditLog audit, Links links, Runnable afterErasure) {
        this.tx = tx;
        this.members = members;
        this.audit = audit;
        this.links = links;
        this.afterErasure = afterErasure;
    }

    /** The member erases their own account. */
    public List<FieldError> eraseOwnAccount(Member self) {
        return erase(new Acting(self.id(), self.role()), self.id());
    }

    /**
     * Erases the member: the row and everything hanging off it (tags, notes about them, sessions,
     * links), audited with who did it; the audit log keeps the id only. Only an admin may erase an
     * admin, and the last admin cannot go. The rules are checked on the rows as they are, locked:
     * two admins erasing each other at once leave one.
     */
    public List<FieldError> erase(Acting who, MemberId id) {
        NotAllowed.unless(who, Role.MEMBER);
        if (!who.can(Role.ORGANISER) && !id.equals(who.member())) {
            throw new NotAllowed("Members erase only their own account.");
        }
        List<FieldError> errors = tx.inTransaction(c -> {
            members.lockAdmins(c);
            Optional<Member> m = members.find(c, id);
            if (m.isEmpty()) {
                return List.of(new FieldError("member", "There is no member with that number."));
            }
            if (m.get().role() == Role.ADMIN && !who.can(Role.ADMIN)) {
                return List.of(new FieldError("member", "Only an admin may erase an admin."));
            }
            if (m.get().role() == Role.ADMIN && members.countWithRole(c, Role.ADMIN) <= 1) {
                return List.of(new FieldError(
                        "account",
                        id.equals(who.member())
                                ? "You are the only admin: make someone else admin first."
                                : "This is the only admin: make someone else admin first."));
            }
            links.erased(c, id);
            members.delete(c, id);
            audit.record(c, who, "member.erased", id, "");
            return List.<FieldError>of();
        });
        if (errors.isEmpty()) {
            afterErasure.run();
        }
        return errors;
    }
}
