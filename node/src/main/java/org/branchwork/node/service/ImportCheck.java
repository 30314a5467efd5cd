package org.branchwork.node.service;

import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import org.branchwork.node.domain.ColumnMapping;
import org.branchwork.node.domain.ImportField;
import org.branchwork.node.domain.ImportProblem;
import org.branchwork.node.domain.ImportRow;

/**
 * Reads a decoded file through a column mapping: each row is valid, a member's already (by email,
 * whatever else it holds: our own export lists the admin, who has no postcode) or has problems,
 * reported by line, column and reason. Writes nothing.
 */
final class ImportCheck {

    /** What the file holds. {@code problems} covers them all; the report shows the first few hundred. */
    record Result(int totalRows, List<ImportRow> valid, int knownRows, List<ImportProblem> problems) {}

    /** A row as read: its line in the file (1 is the header) and its cells, in column order. */
    private record Line(int line, List<String> cells) {}

    private ImportCheck() {}

    /** The header line's cells; empty for an empty file. */
    static List<String> header(ImportFile file) {
        try (CSVParser parser = file.parser()) {
            var records = parser.iterator();
            return records.hasNext() ? cells(records.next()) : List.of();
        } catch (java.io.IOException | UncheckedIOException | IllegalStateException e) {
            return List.of();
        }
    }

    /** The first data row's cells, padded to {@code width}: examples beside the headers in the mapping step. */
    static List<String> firstRow(ImportFile file, int width) {
        List<String> out = new ArrayList<>();
        try (CSVParser parser = file.parser()) {
            var records = parser.iterator();
            if (records.hasNext()) {
                records.next();
                if (records.hasNext()) {
                    out.addAll(cells(records.next()));
                }
            }
        } catch (java.io.IOException | UncheckedIOException | IllegalStateException e) {
            // No examples: the check reports why the file is not readable.
        }
        while (out.size() < width) {
            out.add("");
        }
        return out.subList(0, width);
    }

    /** {@code known}: which of these lower-cased emails are members' already. */
    static Result check(ImportFile file, ColumnMapping mapping, Function<List<String>, Set<String>> known) {
        List<ImportProblem> problems = new ArrayList<>();
        for (String p : mapping.problems()) {
            problems.add(new ImportProblem(1, "", p));
        }
        if (!problems.isEmpty()) {
            return new Result(0, List.of(), 0, problems);
        }
        List<Line> lines = new ArrayList<>();
        try (CSVParser parser = file.parser()) {
            for (CSVRecord record : parser) {
                int line = (int) record.getRecordNumber();
                if (line == 1) {
                    continue; // the header
                }
                if (lines.size() == MemberImportService.MAX_ROWS) {
                    problems.add(new ImportProblem(
                            line, "", "A file may have at most " + MemberImportService.MAX_ROWS + " rows; split it."));
                    break;
                }
                lines.add(new Line(line, cells(record)));
            }
        } catch (java.io.IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            return new Result(
                    lines.size(),
                    List.of(),
                    0,
                    List.of(new ImportProblem(0, "", "The file is not readable as CSV: " + e.getMessage())));
        }
        Set<String> members = known.apply(lines.stream()
                .map(l -> email(mapping, l))
                .filter(e -> !e.isEmpty())
                .distinct()
                .toList());
        List<ImportRow> valid = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        int knownRows = 0;
        for (Line l : lines) {
            if (members.contains(email(mapping, l))) {
                knownRows++;
            } else {
                row(mapping, l, emails, problems).ifPresent(valid::add);
            }
        }
        return new Result(lines.size(), valid, knownRows, problems);
    }

    private static Optional<ImportRow> row(ColumnMapping mapping, Line l, Set<String> emails, List<ImportProblem> out) {
        int before = out.size();
        String consent = mapping.value(l.cells(), ImportField.CONTACT_CONSENT).toLowerCase(Locale.ROOT);
        boolean consentGiven = switch (consent) {
            case "yes", "y", "true", "1" -> true;
            case "", "no", "n", "false", "0" -> false;
            default -> {
                out.add(new ImportProblem(l.line(), "contact_consent", "Write yes or no, not '" + consent + "'."));
                yield false;
            }
        };
        MemberValidation.Checked checked = MemberValidation.check(
                mapping.value(l.cells(), ImportField.NAME),
                mapping.value(l.cells(), ImportField.EMAIL),
                mapping.value(l.cells(), ImportField.POSTCODE),
                mapping.value(l.cells(), ImportField.PHONE),
                consentGiven);
        if (checked instanceof MemberValidation.Checked.Invalid invalid) {
            invalid.errors().forEach(e -> out.add(new ImportProblem(l.line(), e.field(), e.message())));
        }
        List<FieldError> tagErrors = new ArrayList<>();
        Set<String> tags = MemberValidation.tags(mapping.value(l.cells(), ImportField.TAGS), tagErrors);
        tagErrors.forEach(e -> out.add(new ImportProblem(l.line(), "tags", e.message())));
        if (checked instanceof MemberValidation.Checked.Valid v
                && !emails.add(v.details().email())) {
            out.add(new ImportProblem(l.line(), "email", "The same email is on an earlier line of this file."));
        }
        return out.size() == before && checked instanceof MemberValidation.Checked.Valid v
                ? Optional.of(new ImportRow(l.line(), v.details(), tags))
                : Optional.empty();
    }

    private static String email(ColumnMapping mapping, Line l) {
        return mapping.value(l.cells(), ImportField.EMAIL).toLowerCase(Locale.ROOT);
    }

    /**
     * The record's cells in NFC (a name typed on a Mac may arrive decomposed) and without the
     * apostrophe our export puts before a cell a spreadsheet would run, such as a phone "+44 ...".
     */
    private static List<String> cells(CSVRecord record) {
        List<String> out = new ArrayList<>(record.size());
        for (String cell : record) {
            out.add(SpreadsheetCsv.restored(Normalizer.normalize(cell, Normalizer.Form.NFC)));
        }
        return out;
    }
}
