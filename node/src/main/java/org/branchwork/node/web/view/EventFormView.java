package org.branchwork.node.web.view;

import java.util.List;

/**
 * The event form, new or editing: the form itself, where it posts, what its button says, and the
 * campaigns the event may belong to. The template reads the form's fields inside
 * {@code {{#form}}}, and these around it.
 */
public record EventFormView(FormView form, String action, String submit, String cancelLink, List<Choice> campaigns) {

    public String title() {
        return form.title();
    }

    public boolean hasCampaigns() {
        return !campaigns.isEmpty();
    }

    public static EventFormView creating(FormView form, List<Choice> campaigns) {
        return new EventFormView(form, "/events", "Publish", null, campaigns);
    }

    public static EventFormView editing(FormView form, String uuid, List<Choice> campaigns) {
        return new EventFormView(form, "/events/" + uuid + "/edit", "Save changes", "/events/" + uuid, campaigns);
    }
}
