package org.branchwork.node.web.view;

/**
 * A member's details on a form: adding one member ({@code tags} offered) or an organiser
 * correcting a member's details. The template reads the fields inside {@code {{#form}}}.
 */
public record MemberFormView(FormView form, String action, String submit, String cancelLink, boolean adding) {

    public String title() {
        return form.title();
    }
}
