package org.branchwork.node.web.view;

import java.util.List;

/**
 * The mapping step of an import: each header of the file with an example from its first row and a
 * choice of the node's fields, pre-selected as recognised or as the organiser last chose.
 */
public record ImportColumnsView(
        String title,
        String csrf,
        long id,
        String fileName,
        String readAs,
        boolean legacyEncoding,
        List<Column> columns,
        List<String> errors) {

    /** One column of the file; {@code index} numbers the form field. */
    public record Column(int index, String header, String example, List<Option> options) {
        /** The header as shown; an empty one by its position. */
        public String shown() {
            return header.isBlank() ? "Column " + (index + 1) + " (no header)" : header;
        }

        public boolean hasExample() {
            return !example.isBlank();
        }
    }

    /** One of the node's fields in a column's choice. */
    public record Option(String code, String label, boolean selected) {}

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
