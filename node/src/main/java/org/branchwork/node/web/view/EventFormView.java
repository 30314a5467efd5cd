package org.branchwork.node.web.view;

/**
 * The event form, new or editing: the form itself, where it posts, and what its button says.
 * The template reads the form's fields inside {@code {{#form}}}, and these around it.
 */
public record EventFormView(FormView form, String action, String submit, String cancelLink) {

    public String title() {
        return form.title();
    }

    public static EventFormView creating(FormView form) {
        return new EventFormView(form, "/events", "Publish", null);
    }

    public static EventFormView editing(FormView form, String uuid) {
        return new EventFormView(form, "/events/" + uuid + "/edit", "Save changes", "/events/" + uuid);
    }
}
