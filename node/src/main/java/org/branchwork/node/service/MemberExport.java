package org.branchwork.node.service;

import java.io.Writer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.MemberQuery;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.Transactions;

/**
 * The member list as CSV for organisers: every member matching a query, streamed in batches of
 * 500 with their tags, through {@link SpreadsheetCsv} (byte-order mark, formula cells neutralised),
 * and audited with the count in the same transaction.
 */
public final class MemberExport {

    /** The CSV columns, shared by export and import so that an export imports again. */
    public static final List<String> CSV_COLUMNS =
            List.of("name", "email", "postcode", "phone", "contact_consent", "tags", "joined");

    private final Transactions tx;
    private final MemberStore members;
    private final AuditLog audit;

    public MemberExport(Transactions tx, MemberStore members, AuditLog audit) {
        this.tx = tx;
        this.members = members;
        this.audit = audit;
    }

    /** Writes the members matching {@code q} as CSV (every page), audited with the count. */
    public long exportCsv(Acting who, MemberQuery q, Writer out) {
        NotAllowed.unless(who, Role.ORGANISER);
        long[] count = {0};
        tx.inTransaction(c -> {
            try (SpreadsheetCsv csv = new SpreadsheetCsv(out, CSV_COLUMNS.toArray(String[]::new))) {
                List<Member> batch = new ArrayList<>();
                members.forEach(c, q, m -> {
                    batch.add(m);
                    if (batch.size() == 500) {
                        count[0] += print(c, csv, batch);
                    }
                });
                count[0] += print(c, csv, batch);
            }
            audit.record(c, who, "members.exported", null, count[0] + " rows; query " + describe(q));
            return null;
        });
        return count[0];
    }

    private long print(Connection c, SpreadsheetCsv csv, List<Member> batch) {
        try {
            Map<MemberId, List<String>> tags =
                    members.tags().of(c, batch.stream().map(Member::id).toList());
            for (Member m : batch) {
                csv.row(
                        m.displayName(),
                        m.email(),
                        m.postcode(),
                        m.phone(),
                        m.contactConsent() ? "yes" : "no",
                        String.join(",", tags.getOrDefault(m.id(), List.of())),
                        m.createdAt().toString());
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the export failed", e);
        }
        int n = batch.size();
        batch.clear();
        return n;
    }

    private static String describe(MemberQuery q) {
        return "text=" + (q.text().isEmpty() ? "" : "(given)") + " postcode=" + q.postcodePrefix() + " tag=" + q.tag()
                + " since=" + (q.joinedSince() == null ? "" : q.joinedSince());
    }
}
