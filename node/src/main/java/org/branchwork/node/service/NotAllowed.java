package org.branchwork.node.service;

import org.branchwork.node.service.RequestRefused.NotSignedIn;

/** The acting member's role does not allow this: 403, whichever page or endpoint forgot to check first. */
public final class NotAllowed extends RequestRefused {

    public NotAllowed(String message) {
        super(message, 403, "not_allowed", "Forbidden");
    }

    /** Throws unless {@code who} has at least {@code role}; nobody acting at all is {@code NotSignedIn}. */
    public static void unless(Acting who, org.branchwork.node.domain.Role role) {
        if (who == null) {
            throw new NotSignedIn("This needs someone signed in with the " + role.code() + " role.");
        }
        if (!who.can(role)) {
            throw new NotAllowed("This needs the " + role.code() + " role.");
        }
    }
}
