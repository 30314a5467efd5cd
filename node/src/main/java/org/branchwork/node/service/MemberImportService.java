package org.branchwork.node.service;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.branchwork.node.domain.ImportProblem;
import org.branchwork.node.domain.ImportRow;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.MemberImportStore;
import org.branchwork.node.storage.MemberImportStore.StoredImport;
import org.branchwork.node.storage.Transactions;

/**
 * Imports an existing supporter list from CSV in two steps. {@link #validate} reads the whole file
 * and reports every problem by line, column and reason, committing no member. Only when the
 * organiser then says go ({@link #start}) are the valid rows inserted, by a background job in
 * batches, whose progress {@link #status} reports. A file with errors imports nothing unless the
 * organiser chooses to import its valid rows.
 */
public final class MemberImportService {

    private static final Logger LOG = Logger.getLogger(MemberImportService.class.getName());
    /** How many problems the report shows; the count covers them all. */
    public static final int REPORT_PROBLEMS = 500;

    public static final int MAX_ROWS = 200_000;
    static final int BATCH = 500;
    private static final List<String> REQUIRED = List.of("name", "email", "postcode");

    /** Where an import stands, for the report and the progress view. */
    public record Status(
            long id,
            String fileName,
            String state,
            int totalRows,
            int validRows,
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

    /** Reads and checks the file; stores the valid rows for a later go. Nothing reaches the member list. */
    public Status validate(Acting who, String fileName, String csvText) {
        require(who);
        List<ImportProblem> problems = new ArrayList<>();
        List<ImportRow> valid = new ArrayList<>();
        int total = 0;
        try (Reader reader = new StringReader(csvText.startsWith("\uFEFF") ? csvText.substring(1) : csvText);
                CSVParser parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .setIgnoreEmptyLines(true)
                        .setTrim(true)
                        .get()
                        .parse(reader)) {
            Map<String, Integer> header = normalisedHeader(parser.getHeaderMap());
            for (String column : REQUIRED) {
                if (!header.containsKey(column)) {
                    problems.add(new ImportProblem(
                            1,
                            column,
                            "The header has no '" + column + "' column. Columns are: "
                                    + String.join(", ", MemberService.CSV_COLUMNS) + " (the first three required)."));
                }
            }
            if (problems.isEmpty()) {
                Set<String> emails = new HashSet<>();
                for (CSVRecord record : parser) {
                    total++;
                    if (total > MAX_ROWS) {
                        problems.add(new ImportProblem(
                                (int) record.getRecordNumber() + 1,
                                "",
                                "A file may have at most " + MAX_ROWS + " rows; split it."));
                        break;
                    }
                    checkRow(record, header, emails, problems).ifPresent(valid::add);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new ImportProblem(0, "", "The file is not readable as CSV: " + e.getMessage()));
        }
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName.strip();
        int totalRows = total;
        long id = tx.inTransaction(c -> {
            long created = store.create(
                    c,
                    who.member() == null ? 0 : who.member().value(),
                    clock.instant(),
                    name.length() > 200 ? name.substring(0, 200) : name,
                    totalRows,
                    valid.size(),
                    problems.size());
            store.addRows(c, created, valid);
            store.addProblems(c, created, problems);
            audit.record(
                    c,
                    who,
                    "members.import_validated",
                    null,
                    "import " + created + ": " + totalRows + " rows, " + valid.size() + " valid, " + problems.size()
                            + " problems");
            return created;
        });
        return new Status(
                id,
                name,
                "validated",
                total,
                valid.size(),
                0,
                0,
                problems.size(),
                problems.subList(0, Math.min(problems.size(), REPORT_PROBLEMS)));
    }

    private static Optional<ImportRow> checkRow(
            CSVRecord r, Map<String, Integer> header, Set<String> emails, List<ImportProblem> out) {
        int line = (int) r.getRecordNumber() + 1;
        int before = out.size();
        String tags = get(r, header, "tags");
        String consent = get(r, header, "contact_consent").toLowerCase(Locale.ROOT);
        boolean consentGiven = switch (consent) {
            case "yes", "y", "true", "1" -> true;
            case "", "no", "n", "false", "0" -> false;
            default -> {
                out.add(new ImportProblem(line, "contact_consent", "Write yes or no, not '" + consent + "'."));
                yield false;
            }
        };
        MemberValidation.Checked checked = MemberValidation.check(
                get(r, header, "name"),
                get(r, header, "email"),
                get(r, header, "postcode"),
                get(r, header, "phone"),
                consentGiven);
        if (checked instanceof MemberValidation.Checked.Invalid invalid) {
            invalid.errors().forEach(e -> out.add(new ImportProblem(line, e.field(), e.message())));
        }
        List<FieldError> tagErrors = new ArrayList<>();
        Set<String> tagSet = MemberValidation.tags(tags, tagErrors);
        tagErrors.forEach(e -> out.add(new ImportProblem(line, "tags", e.message())));
        if (checked instanceof MemberValidation.Checked.Valid v
                && !emails.add(v.details().email())) {
            out.add(new ImportProblem(line, "email", "The same email is on an earlier line of this file."));
        }
        return out.size() == before && checked instanceof MemberValidation.Checked.Valid v
                ? Optional.of(new ImportRow(line, v.details(), tagSet))
                : Optional.empty();
    }

    /** Starts inserting the valid rows of a validated import in the background. False if it is not waiting for a go. */
    public boolean start(Acting who, long id) {
        require(who);
        boolean started = tx.inTransaction(c -> {
            boolean moved = store.transition(c, id, "validated", "running");
            if (moved) {
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

    public boolean discard(Acting who, long id) {
        require(who);
        return tx.inTransaction(c -> {
            boolean moved = store.transition(c, id, "validated", "discarded");
            if (moved) {
                store.dropRows(c, id);
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
                    s.totalRows(),
                    s.validRows(),
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
                    int added = members.insertBatch(c, batch);
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

    private static Map<String, Integer> normalisedHeader(Map<String, Integer> raw) {
        Map<String, Integer> out = new java.util.HashMap<>();
        raw.forEach((k, v) -> out.put(k.strip().toLowerCase(Locale.ROOT).replace(' ', '_'), v));
        return out;
    }

    private static String get(CSVRecord r, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        return i == null || i >= r.size() ? "" : r.get(i);
    }

    private static void require(Acting who) {
        if (who == null || !who.can(Role.ORGANISER)) {
            throw new NotAllowed("Importing members needs the organiser role.");
        }
    }
}
