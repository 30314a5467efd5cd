package org.branchwork.node.web.view;

import java.util.List;

/** Starting a consultation: the fields as typed (kept on a refusal), the methods and kinds to pick from. */
public record ConsultationFormView(FormView form, List<Choice> methods, List<Choice> kinds) {

    public String title() {
        return form.title();
    }
}
