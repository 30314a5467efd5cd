package org.branchwork.node.domain;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Which field each column of an imported file goes to, by position (headers may repeat or be
 * empty). A name comes from a name column, or from first and last name joined with a space.
 */
public record ColumnMapping(List<ImportField> fields) {

    public ColumnMapping {
        fields = List.copyOf(fields);
    }

    /** Each header's field as recognised; an unknown header is ignored until the organiser says otherwise. */
    public static ColumnMapping recognised(List<String> headers) {
        return new ColumnMapping(headers.stream()
                .map(h -> ImportField.recognise(h).orElse(ImportField.IGNORE))
                .toList());
    }

    /**
     * True when every header is one the node's own export writes (in any case), so the organiser
     * need not be asked. Any other header, even one recognised, is shown in the mapping step with
     * its guess: a guess such as "first name and last name joined" is the organiser's to confirm.
     */
    public static boolean ownHeaders(List<String> headers) {
        return headers.stream().allMatch(ImportField::isOwnHeader);
    }

    /** Why this mapping cannot be used, in the organiser's words; empty when it can. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        Set<ImportField> seen = EnumSet.noneOf(ImportField.class);
        for (ImportField f : fields) {
            if (f != ImportField.IGNORE && !seen.add(f)) {
                out.add("Two columns are mapped to " + f.label().toLowerCase(java.util.Locale.ROOT)
                        + ": choose one and ignore the other.");
            }
        }
        boolean split = seen.contains(ImportField.FIRST_NAME) || seen.contains(ImportField.LAST_NAME);
        if (seen.contains(ImportField.NAME) && split) {
            out.add("Map either one column to name, or first name and last name, not both.");
        } else if (!seen.contains(ImportField.NAME) && !split) {
            out.add("No column is mapped to name (or to first name and last name).");
        }
        if (!seen.contains(ImportField.EMAIL)) {
            out.add("No column is mapped to email: every member needs one.");
        }
        if (!seen.contains(ImportField.POSTCODE)) {
            out.add("No column is mapped to postcode: every member needs one.");
        }
        return out;
    }

    /** The row's value for {@code field}; a name joined from first and last when there is no name column. */
    public String value(List<String> cells, ImportField field) {
        if (field == ImportField.NAME && !fields.contains(ImportField.NAME)) {
            String joined = (value(cells, ImportField.FIRST_NAME) + " " + value(cells, ImportField.LAST_NAME)).strip();
            return joined;
        }
        int i = fields.indexOf(field);
        return i < 0 || i >= cells.size() ? "" : cells.get(i).strip();
    }
}
