package org.branchwork.node.web.view;

import java.util.List;

/** A supporter-list import: the upload form, the validation report, or the progress of a running one. */
public record ImportView(String title, String csrf, long id, String fileName, String state, int totalRows, int validRows,
                         int doneRows, int skippedRows, int percent, List<Problem> problems, boolean moreProblems,
                         String error) {

    /** A problem row of the report. */
    public record Problem(int line, String column, String reason) {
    }

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
        return !problems.isEmpty();
    }

    public boolean uploadForm() {
        return id == 0;
    }
}
