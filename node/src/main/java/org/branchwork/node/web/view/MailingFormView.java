package org.branchwork.node.web.view;

import java.util.List;

/**
 * Writing or editing a mailing: subject, purpose, Markdown text and the audience (tags, postcode
 * prefixes, joined since, an event's answers). A refused form shows every field as typed.
 */
public record MailingFormView(FormView form, String action, String submit, List<Choice> purposes, List<Choice> events) {

    public String title() {
        return form.title();
    }
}
