package org.branchwork.node.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit log: who (a member id, or null for the API token or the system) did what
 * to whom (a member id, or null). Ids only, never names or emails: an entry must stay harmless
 * after its subject is erased.
 */
public record AuditEvent(Instant at, Long actorId, String action, Long subjectId, String detail) {
    public AuditEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(action, "action");
        detail = detail == null ? "" : detail;
    }
}
