package org.branchwork.node.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import org.branchwork.node.domain.AuditEvent;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.Transactions;

/** Appends to the audit log inside the caller's transaction, so an action and its record commit together. */
public final class AuditLog {

    private final Transactions tx;
    private final AuditStore store;
    private final Clock clock;

    public AuditLog(Transactions tx, AuditStore store, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.clock = clock;
    }

    public void record(Connection c, Acting who, String action, MemberId subject, String detail) throws SQLException {
        store.append(
                c,
                new AuditEvent(
                        clock.instant(),
                        who == null ? null : who.auditId(),
                        action,
                        subject == null ? null : subject.value(),
                        detail));
    }

    /** Records an action in a transaction of its own. */
    public void record(Acting who, String action, MemberId subject, String detail) {
        tx.inTransaction(c -> {
            record(c, who, action, subject, detail);
            return null;
        });
    }

    /** The entries about a member, oldest first, in the caller's transaction. */
    public List<AuditEvent> about(Connection c, MemberId subject) throws SQLException {
        return store.about(c, subject.value());
    }

    public List<AuditEvent> recent(int limit, int offset) {
        return tx.inTransaction(c -> store.recent(c, limit, offset));
    }
}
