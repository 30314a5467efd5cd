package org.branchwork.node.web.view;

import java.util.List;

/**
 * The campaign form, new or editing: the plain fields (through {@code form}, as every form has
 * them), and the rows of goals and resources and the suggested kinds of event, each as it was
 * typed or as the campaign has it.
 */
public record CampaignFormView(
        FormView form,
        String action,
        String submit,
        String cancelLink,
        List<GoalRow> goals,
        List<ResourceRow> resources,
        List<Choice> categories) {

    public String title() {
        return form.title();
    }

    /** One goal's row: {@code n} numbers its fields ({@code goalName1}…). */
    public record GoalRow(int n, String name, String target, List<Choice> metrics) {}

    /** One resource's row. */
    public record ResourceRow(int n, String name, String url) {}
}
