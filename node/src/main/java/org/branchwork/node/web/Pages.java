package org.branchwork.node.web;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.service.BranchService;
import org.branchwork.node.web.view.Chrome;
import org.branchwork.node.web.view.MessageView;

/** Rendering a page inside the layout, with the site name and the viewer's navigation. */
public final class Pages {

    private final Templates templates;
    private final BranchService branches;
    private final Dates dates;

    public Pages(Templates templates, BranchService branches, Dates dates) {
        this.templates = templates;
        this.branches = branches;
        this.dates = dates;
    }

    /** Times as this branch shows them. */
    public Dates dates() {
        return dates;
    }

    public String siteName() {
        return branches.current().map(b -> b.name()).orElse("Branchwork");
    }

    public void render(ServerResponse res, Status status, Optional<Viewer> viewer, String template, Object view) {
        templates.send(res, status, template, new Chrome(siteName(), Viewer.nav(viewer)), view);
    }

    public void message(ServerResponse res, Status status, Optional<Viewer> viewer, String heading, String message) {
        render(res, status, viewer, "layout/message", new MessageView(heading, siteName(), heading, message));
    }

    /**
     * The answer to a form whose CSRF token or origin is wrong (403). A form from another origin
     * says which, and how to reach the node at its public address; otherwise the form expired.
     */
    public void formRefused(ServerResponse res, Optional<Viewer> viewer, ServerRequest req, Csrf csrf) {
        Optional<String> foreign = csrf.foreignOrigin(req);
        if (foreign.isPresent()) {
            message(
                    res,
                    Status.FORBIDDEN_403,
                    viewer,
                    "Sent from another address",
                    "This form was sent from " + foreign.get() + ", but this node's address is "
                            + csrf.publicOrigin() + ". Open " + csrf.publicOrigin()
                            + " and send the form again. If people reach the node at " + foreign.get()
                            + ", whoever runs it sets BRANCHWORK_PUBLIC_URL to that address.");
            return;
        }
        message(
                res,
                Status.FORBIDDEN_403,
                viewer,
                "The form expired",
                "Go back, reload the page and send the form again.");
    }

    public static void redirect(ServerResponse res, String location) {
        res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, location).send();
    }
}
