package org.branchwork.node.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.branchwork.node.domain.ColumnMapping;
import org.branchwork.node.domain.ImportBasis;
import org.branchwork.node.domain.ImportField;
import org.branchwork.node.domain.ImportProblem;
import org.branchwork.node.domain.ImportRow;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.MemberImportStore;
import org.branchwork.node.storage.MemberImportStore.StoredImport;
import org.branchwork.node.storage.Transactions;

/**
 * Imports an existing supporter list from CSV in steps. {@link #upload} reads the file in whatever
 * encoding and delimiter it came ({@link ImportFile}); when its headers are the node's own (as its
 * export writes them) it is checked at once, otherwise it waits for the organiser to map its columns
 * ({@link #columns}, {@link #mapColumns}). The check reports every problem by line, column and
 * reason, committing no member; rows whose email is a member's already are counted, not reported.
 * Only when the organiser then says go ({@link #start}) are the valid rows inserted, by a
 * background job in batches, whose progress {@link #status} reports. A file with errors imports
 * nothing unless the organiser chooses to import its valid rows.
 */
public final class MemberImportService {

    private static final Logger LOG = Logger.getLogger(MemberImportService.class.getName());
    /** How many problems the report shows; the count covers them all. */
    public static final int REPORT_PROBLEMS = 500;

    public static final int MAX_ROWS = 200_000;
    static final int BATCH = 500;
    /** How long a file waits for its columns to be mapped before it is discarded, with its personal data. */
    static final Duration MAPPING_KEPT = Duration.ofDays(1);

    /** Where an import stands, for the report and the progress view. */
    public record Status(
            long id,
            String fileName,
            String state,
            String encoding,
            String delimiter,
            int totalRows,
            int validRows,
            int knownRows,
            int doneRows,
            int skippedRows,
            int problemCount,
            List<ImportProblem> problems) {
        public boolean hasProblems() {
            return problemCount > 0;
        }

        public int percent() {
            return validRows == 0 ? 100 : (int) (100L * (doneRows + skippedRows) / validRows);
        }
    }

    /** What became of an upload. */
    public sealed interface Uploaded {
        /** Not readable as text (or empty); nothing was kept. */
        record Refused(String reason) implements Uploaded {}

        /** Kept while the organiser maps its columns at {@link #columns}. */
        record NeedsColumns(long id) implements Uploaded {}

        /** Its headers were known: checked, waiting for the go. */
        record Checked(Status status) implements Uploaded {}
    }

    /**
     * The mapping step: the file's headers, an example value from its first row, and the mapping
     * shown (recognised, or as the organiser chose it when it was refused).
     */
    public record Columns(
            long id,
            String fileName,
            String encoding,
            String delimiter,
            List<String> headers,
            List<String> examples,
            ColumnMapping mapping) {}

    /** What became of a chosen mapping. */
    public sealed interface Mapped {
        /** The mapping cannot be used; the step again with the choices kept and the reasons. */
        record Invalid(Columns columns, List<String> errors) implements Mapped {}

        record Checked(Status status) implements Mapped {}

        /** No import waiting for its columns under that id (discarded, checked already, or never). */
        record Gone() implements Mapped {}
    }

    private final Transactions tx;
    private final MemberImportStore store;
    private final MemberService members;
    private final AuditLog audit;
    private final Clock clock;

    public MemberImportService(
            Transactions tx, MemberImportStore store, MemberService members, AuditLog audit, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.members = members;
        this.audit = audit;
        this.clock = clock;
    }

    /** Reads an uploaded file; checks it when its headers are known, else keeps it for the mapping step. */
    public Uploaded upload(Acting who, String fileName, byte[] bytes) {
        require(who);
        ImportFile file;
        switch (ImportFile.read(bytes)) {
            case ImportFile.Read.Refused(String reason) -> {
                return new Uploaded.Refused(reason);
            }
            case ImportFile.Read.Readable(ImportFile readable) -> file = readable;
        }
        List<String> header = ImportCheck.header(file);
        if (header.isEmpty()) {
            return new Uploaded.Refused("The file is empty, or its first line is not readable as CSV.");
        }
        MemberImportStore.Upload upload = describe(fileName, file);
        ColumnMapping recognised = ColumnMapping.recognised(header);
        if (ColumnMapping.ownHeaders(header) && recognised.problems().isEmpty()) {
            return new Uploaded.Checked(check(who, 0, upload, file, recognised));
        }
        long id = tx.inTransaction(c -> {
            store.discardMappingBefore(c, clock.instant().minus(MAPPING_KEPT));
            long created = store.create(
                    c, createdBy(who), clock.instant(), upload, "mapping", new MemberImportStore.Counts(0, 0, 0, 0));
            store.keepFile(c, created, file.text());
            return created;
        });
        return new Uploaded.NeedsColumns(id);
    }

    /** The mapping step of an import waiting for its columns, with the columns as recognised. */
    public Optional<Columns> columns(Acting who, long id) {
        require(who);
        return waitingFile(id).map(w -> columnsOf(w.stored(), w.file(), null));
    }

    /** Checks the file of an import waiting for its columns through the organiser's mapping. */
    public Mapped mapColumns(Acting who, long id, List<ImportField> chosen) {
        require(who);
        Optional<Waiting> waiting = waitingFile(id);
        if (waiting.isEmpty()) {
            return new Mapped.Gone();
        }
        StoredImport s = waiting.get().stored();
        ImportFile file = waiting.get().file();
        Columns step = columnsOf(s, file, chosen);
        ColumnMapping mapping = step.mapping();
        if (chosen.size() != step.headers().size()) {
            return new Mapped.Invalid(step, List.of("Choose a field, or ignore, for every column."));
        }
        if (!mapping.problems().isEmpty()) {
            return new Mapped.Invalid(step, mapping.problems());
        }
        Status checked =
                check(who, id, new MemberImportStore.Upload(s.fileName(), s.encoding(), s.delimiter()), file, mapping);
        return checked == null ? new Mapped.Gone() : new Mapped.Checked(checked);
    }

    /** Reads and checks decoded text with its recognised columns, as {@link #upload} does a file whose headers are known. */
    public Status validate(Acting who, String fileName, String csvText) {
        require(who);
        ImportFile file = ImportFile.readable(csvText, ImportFile.Encoding.UTF_8);
        return check(who, 0, describe(fileName, file), file, ColumnMapping.recognised(ImportCheck.header(file)));
    }

    /**
     * Checks the file and stores the valid rows for a later go, as a new import ({@code id} 0) or
     * the one that waited for its columns (null if it no longer waits). Nothing reaches the member list.
     */
    private Status check(Acting who, long id, MemberImportStore.Upload upload, ImportFile file, ColumnMapping mapping) {
        ImportCheck.Result r =
                ImportCheck.check(file, mapping, emails -> tx.inTransaction(c -> members.alreadyMembers(c, emails)));
        var counts = new MemberImportStore.Counts(
                r.totalRows(), r.valid().size(), r.knownRows(), r.problems().size());
        Long stored = tx.inTransaction(c -> {
            long at = id;
            if (at == 0) {
                at = store.create(c, createdBy(who), clock.instant(), upload, "validated", counts);
            } else if (store.checked(c, at, counts)) {
                store.dropFile(c, at);
            } else {
                return null;
            }
            store.addRows(c, at, r.valid());
            store.addProblems(c, at, r.problems());
            audit.record(
                    c,
                    who,
                    "members.import_validated",
                    null,
                    "import " + at + ": " + r.totalRows() + " rows, "
                            + r.valid().size() + " valid, " + r.knownRows() + " members already, "
                            + r.problems().size() + " problems");
            return at;
        });
        if (stored == null) {
            return null;
        }
        return new Status(
                stored,
                upload.fileName(),
                "validated",
                upload.encoding(),
                ImportFile.delimiterName(upload.delimiter()),
                r.totalRows(),
                r.valid().size(),
                r.knownRows(),
                0,
                0,
                r.problems().size(),
                r.problems().subList(0, Math.min(r.problems().size(), REPORT_PROBLEMS)));
    }

    /** An import waiting for its columns, and its file read again. */
    private record Waiting(StoredImport stored, ImportFile file) {}

    private Optional<Waiting> waitingFile(long id) {
        return tx.inTransaction(c -> {
            Optional<StoredImport> s = store.find(c, id).filter(i -> i.state().equals("mapping"));
            if (s.isEmpty()) {
                return Optional.<Waiting>empty();
            }
            return store.file(c, id)
                    .map(text -> new Waiting(
                            s.get(),
                            ImportFile.readable(
                                    text,
                                    ImportFile.Encoding.valueOfLabel(s.get().encoding()))));
        });
    }

    private static Columns columnsOf(StoredImport s, ImportFile file, List<ImportField> chosen) {
        List<String> headers = ImportCheck.header(file);
        List<String> examples = ImportCheck.firstRow(file, headers.size());
        ColumnMapping mapping = chosen == null ? ColumnMapping.recognised(headers) : new ColumnMapping(chosen);
        return new Columns(s.id(), s.fileName(), s.encoding(), file.delimiterName(), headers, examples, mapping);
    }

    private static MemberImportStore.Upload describe(String fileName, ImportFile file) {
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName.strip();
        return new MemberImportStore.Upload(
                name.length() > 200 ? name.substring(0, 200) : name,
                file.encoding().label(),
                file.delimiter());
    }

    private static long createdBy(Acting who) {
        return who.member() == null ? 0 : who.member().value();
    }

    /**
     * Starts inserting the valid rows of a validated import in the background, with the basis the
     * organiser stated for contacting them. False if it is not waiting for a go.
     */
    public boolean start(Acting who, long id, ImportBasis basis) {
        require(who);
        boolean started = tx.inTransaction(c -> {
            boolean moved = store.transition(c, id, "validated", "running");
            if (moved) {
                store.setBasis(c, id, basis);
                audit.record(c, who, "members.import_started", null, "import " + id);
            }
            return moved;
        });
        if (started) {
            runInBackground(who, id);
        }
        return started;
    }

    /** Picks up imports that were running when the node stopped, after their last committed batch. */
    public void resumeInterrupted() {
        for (StoredImport job : tx.inTransaction(store::running)) {
            LOG.info("Resuming member import " + job.id() + " after line " + job.lastLine());
            runInBackground(
                    job.createdBy() == 0
                            ? Acting.apiToken()
                            : new Acting(new MemberId(job.createdBy()), Role.ORGANISER),
                    job.id());
        }
    }

    /** Discards an import waiting for its columns or for the go, and forgets its file and rows. */
    public boolean discard(Acting who, long id) {
        require(who);
        return tx.inTransaction(c -> {
            boolean moved = store.transition(c, id, "validated", "discarded")
                    || store.transition(c, id, "mapping", "discarded");
            if (moved) {
                store.dropRows(c, id);
                store.dropFile(c, id);
            }
            return moved;
        });
    }

    public Optional<Status> status(Acting who, long id) {
        require(who);
        return tx.inTransaction(c -> {
            Optional<StoredImport> found = store.find(c, id);
            if (found.isEmpty()) {
                return Optional.<Status>empty();
            }
            StoredImport s = found.get();
            return Optional.of(new Status(
                    s.id(),
                    s.fileName(),
                    s.state(),
                    s.encoding(),
                    ImportFile.delimiterName(s.delimiter()),
                    s.totalRows(),
                    s.validRows(),
                    s.knownRows(),
                    s.doneRows(),
                    s.skippedRows(),
                    s.problemCount(),
                    store.problems(c, id, REPORT_PROBLEMS)));
        });
    }

    private void runInBackground(Acting who, long id) {
        Thread.ofVirtual().name("member-import-" + id).start(() -> run(who, id));
    }

    private void run(Acting who, long id) {
        try {
            // Each batch and its progress commit together, so after a crash the import resumes
            // exactly after the last batch that made it.
            int lastLine = tx.inTransaction(c -> store.find(c, id).orElseThrow().lastLine());
            while (lastLine >= 0) {
                int after = lastLine;
                lastLine = tx.inTransaction(c -> {
                    List<ImportRow> batch = store.rowsAfter(c, id, after, BATCH);
                    if (batch.isEmpty()) {
                        return -1;
                    }
                    int added = members.insertBatch(c, batch, store.basis(c, id));
                    int last = batch.get(batch.size() - 1).line();
                    store.progress(c, id, added, batch.size() - added, last);
                    return last;
                });
            }
            tx.inTransaction(c -> {
                store.transition(c, id, "running", "done");
                store.dropRows(c, id);
                StoredImport done = store.find(c, id).orElseThrow();
                audit.record(
                        c,
                        who,
                        "members.imported",
                        null,
                        "import " + id + ": " + done.doneRows() + " added, " + done.skippedRows() + " already members");
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(
                    Level.SEVERE,
                    "Member import " + id + " stopped; rows added so far stay, the rest can be imported again",
                    e);
        }
    }

    private static void require(Acting who) {
        if (who == null || !who.can(Role.ORGANISER)) {
            throw new NotAllowed("Importing members needs the organiser role.");
        }
    }
}
