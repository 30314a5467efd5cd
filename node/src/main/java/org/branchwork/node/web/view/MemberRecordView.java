package org.branchwork.node.web.view;

import java.util.List;

/** One member's record for organisers: details, tags, notes, and for admins the role form. */
public record MemberRecordView(String title, String csrf, long id, String name, String email, String postcode, String phone,
                               boolean consent, String role, String joined, String confirmed, String source, String tags,
                               List<Note> notes, boolean admin, boolean isMember, boolean isOrganiser, boolean isAdmin,
                               List<String> errors, String notice) {

    /** A note as shown. */
    public record Note(String author, String at, String body) {
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
