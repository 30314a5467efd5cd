package org.branchwork.node.web.view;

import java.util.List;

import org.branchwork.node.domain.ImportProblem;

/**
 * A supporter-list import: the upload form, the validation report, or the progress of a running
 * one. {@code readAs} says how the file was read ("Read as UTF-8, separated by commas."), with
 * {@code legacyEncoding} when that was Windows-1252, so a wrong guess shows in the names.
 */
public record ImportView(
        String title,
        String csrf,
        long id,
        String fileName,
        String state,
        String readAs,
        boolean legacyEncoding,
        int totalRows,
        int validRows,
        int knownRows,
        int doneRows,
        int skippedRows,
        int percent,
        int problemCount,
        List<ImportProblem> problems,
        String error) {

    public static ImportView uploadForm(String csrf, String error) {
        return new ImportView("Import members", csrf, 0, "", "", "", false, 0, 0, 0, 0, 0, 0, 0, List.of(), error);
    }

    public boolean validated() {
        return state.equals("validated");
    }

    public boolean running() {
        return state.equals("running");
    }

    public boolean discarded() {
        return state.equals("discarded");
    }

    public boolean done() {
        return state.equals("done");
    }

    public boolean hasProblems() {
        return problemCount > 0;
    }

    public boolean moreProblems() {
        return problemCount > problems.size();
    }

    public boolean uploadForm() {
        return id == 0;
    }

    public boolean hasKnown() {
        return knownRows > 0;
    }

    /** Nothing left to add: every row is a member already, or has problems. */
    public boolean nothingToAdd() {
        return validRows == 0;
    }

    /** Members already: those counted at the check, and those who joined between the check and the go. */
    public int alreadyMembers() {
        return knownRows + skippedRows;
    }
}
