package org.branchwork.node.web.view;

import java.util.List;

/**
 * One member's record for organisers: details, tags, notes and the role form ({@code canSetRole}:
 * organisers cannot change an admin; {@code admin}: the admin choice is offered).
 */
public record MemberRecordView(
        String title,
        String csrf,
        long id,
        String name,
        String email,
        String postcode,
        String phone,
        boolean consent,
        String role,
        String joined,
        String confirmed,
        String source,
        String tags,
        List<Note> notes,
        boolean canSetRole,
        boolean admin,
        boolean isMember,
        boolean isOrganiser,
        boolean isAdmin,
        List<String> errors,
        String notice,
        String bounced,
        List<AttendedEvent> attended) {

    public boolean hasAttended() {
        return !attended.isEmpty();
    }

    /** A note as shown. */
    public record Note(String author, String at, String body) {}

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
