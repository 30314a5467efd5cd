package org.branchwork.node.service;

/** The acting member's role does not allow this. The web layer answers 403 (or 404 for records). */
public final class NotAllowed extends RuntimeException {
    public NotAllowed(String message) {
        super(message);
    }
}
