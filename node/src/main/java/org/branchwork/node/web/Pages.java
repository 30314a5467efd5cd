package org.branchwork.node.web;

import java.util.Optional;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.service.BranchService;
import org.branchwork.node.web.view.Chrome;
import org.branchwork.node.web.view.MessageView;

/** Rendering a page inside the layout, with the site name and the viewer's navigation. */
public final class Pages {

    private final Templates templates;
    private final BranchService branches;

    public Pages(Templates templates, BranchService branches) {
        this.templates = templates;
        this.branches = branches;
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

    /** The answer to a form whose CSRF token or origin is wrong. */
    public void formExpired(ServerResponse res, Optional<Viewer> viewer) {
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
