package org.branchwork.node.service;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.storage.ConsentStore;
import org.branchwork.node.storage.Transactions;

/**
 * Consent per member and purpose with its history: every grant and withdrawal is kept, with when,
 * how, the wording the member saw and who made an organiser's change. Called inside the
 * transaction that changes the member, so the record and the change commit together.
 */
public final class ConsentLog {

    /** The version of the join form's consent wording; change it when the words change. */
    public static final String JOIN_WORDING = "join form, 2026-12";

    private final Transactions tx;
    private final ConsentStore store;
    private final Clock clock;

    public ConsentLog(Transactions tx, ConsentStore store, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.clock = clock;
    }

    /** Records the consent a new member starts with; nothing is recorded for a purpose not granted. */
    void started(
            Connection c,
            MemberId member,
            Consent.Purpose purpose,
            boolean granted,
            Consent.How how,
            String wording,
            MemberId by)
            throws SQLException {
        if (granted) {
            store.add(c, member, new Consent(purpose, true, how, wording, by, clock.instant()));
        }
    }

    /** Records a change of consent, when it is one. */
    void changed(Connection c, MemberId member, Consent.Purpose purpose, boolean granted, Consent.How how, MemberId by)
            throws SQLException {
        if (current(c, member).get(purpose) != granted) {
            store.add(c, member, new Consent(purpose, granted, how, null, by, clock.instant()));
        }
    }

    /** Where each purpose stands now: the latest record, or no consent. */
    Map<Consent.Purpose, Boolean> current(Connection c, MemberId member) throws SQLException {
        Map<Consent.Purpose, Boolean> now = new EnumMap<>(Consent.Purpose.class);
        for (Consent.Purpose p : Consent.Purpose.values()) {
            now.put(p, false);
        }
        store.history(c, member).forEach(k -> now.put(k.purpose(), k.granted()));
        return now;
    }

    /** The member's consents, oldest first, in the caller's transaction. */
    List<Consent> history(Connection c, MemberId member) throws SQLException {
        return store.history(c, member);
    }

    /** The member's consents, oldest first. */
    public List<Consent> history(MemberId member) {
        return tx.inTransaction(c -> store.history(c, member));
    }

    public Map<Consent.Purpose, Boolean> current(MemberId member) {
        return tx.inTransaction(c -> current(c, member));
    }
}
