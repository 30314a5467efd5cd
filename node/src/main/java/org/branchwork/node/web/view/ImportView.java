package org.branchwork.node.web.view;

import java.util.List;

import org.branchwork.node.domain.ImportProblem;

/** A supporter-list import: the upload form, the validation report, or the progress of a running one. */
public record ImportView(
        String title,
        String csrf,
        long id,
        String fileName,
        String state,
        int totalRows,
        int validRows,
        int doneRows,
        int skippedRows,
        int percent,
        int problemCount,
        List<ImportProblem> problems,
        String error) {

    public boolean validated() {
        return state.equals("validated");
    }

    public boolean running() {
        return state.equals("running");
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
}
