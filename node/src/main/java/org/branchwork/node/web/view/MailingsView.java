package org.branchwork.node.web.view;

import java.util.List;

/**
 * The mailings page: the branch's mailings, newest first, how the mail server and queue stand,
 * and (for admins) the postal address every mailing's footer carries.
 *
 * @param server     a sentence when the mail server cannot be reached or is not configured, else null
 * @param canSetAddress whether the viewer is an admin
 */
public record MailingsView(
        String title,
        String csrf,
        List<Row> mailings,
        String server,
        String backlog,
        String postalAddress,
        boolean canSetAddress,
        FormView addressForm,
        String notice) {

    /** One mailing in the list. */
    public record Row(long id, String subject, String purpose, String state, String when, String counts) {}

    public boolean none() {
        return mailings.isEmpty();
    }

    public boolean noAddress() {
        return postalAddress == null || postalAddress.isBlank();
    }
}
