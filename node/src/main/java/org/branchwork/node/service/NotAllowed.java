package org.branchwork.node.service;

/** The acting member's role does not allow this. The web layer answers 403 (or 404 for records). */
public final class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
        super(message);
    }

    /** Throws unless {@code who} has at least {@code role}. */
    public static void unless(Acting who, org.branchwork.node.domain.Role role) {
        if (who == null || !who.can(role)) {
            throw new NotAllowed("This needs the " + role.code() + " role.");
        }
    }
}
