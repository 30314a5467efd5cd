package org.branchwork.node.web.pages;

import java.util.List;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.service.BranchService;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.SetupRequest;
import org.branchwork.node.service.SetupResult;
import org.branchwork.node.service.SetupService;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Templates;
import org.branchwork.node.web.view.MessageView;
import org.branchwork.node.web.view.SetupView;

/** {@code /setup}: the first-run form that creates the branch and its first administrator. */
public final class SetupPages implements HttpService {

    private static final String TITLE = "Set up this Branchwork node";

    private final SetupService setup;
    private final BranchService branches;
    private final Templates templates;
    private final Sessions sessions;

    public SetupPages(SetupService setup, BranchService branches, Templates templates, Sessions sessions) {
        this.sessions = sessions;
        this.setup = setup;
        this.branches = branches;
        this.templates = templates;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::showForm).post("/", this::submit);
    }

    /** Shows the empty form, the code pre-filled from the link the node logged. */
    void showForm(ServerRequest req, ServerResponse res) {
        if (!setup.needed()) {
            res.status(Status.SEE_OTHER_303).header(HeaderNames.LOCATION, "/").send();
            return;
        }
        String code = req.query().first("code").orElse("");
        templates.send(
                res, Status.OK_200, "setup/setup", view(new SetupRequest(code, "", "", "", "", "", ""), List.of()));
    }

    private void submit(ServerRequest req, ServerResponse res) {
        Parameters form = Forms.read(req);
        SetupRequest request = new SetupRequest(
                Forms.field(form, "code"),
                Forms.field(form, "branchName"),
                Forms.field(form, "branchSlug"),
                Forms.field(form, "adminName"),
                Forms.field(form, "adminEmail"),
                Forms.field(form, "password"),
                Forms.field(form, "passwordConfirmation"));
        switch (setup.complete(request)) {
            case SetupResult.Completed done -> {
                sessions.start(res, done.admin());
                res.status(Status.SEE_OTHER_303)
                        .header(HeaderNames.LOCATION, "/me?welcome=setup")
                        .send();
            }
            case SetupResult.Invalid invalid ->
                templates.send(res, Status.UNPROCESSABLE_CONTENT_422, "setup/setup", view(request, invalid.errors()));
            case SetupResult.AlreadyDone already ->
                templates.send(
                        res,
                        Status.CONFLICT_409,
                        "layout/message",
                        new MessageView(
                                "Already set up",
                                siteName(),
                                "This node is already set up",
                                "Its branch and first administrator exist. Sign in instead."));
        }
    }

    private SetupView view(SetupRequest r, List<FieldError> errors) {
        return new SetupView(
                TITLE,
                siteName(),
                setup.asksForBranch(),
                r.code(),
                r.branchName(),
                r.branchSlug(),
                r.adminName(),
                r.adminEmail(),
                errors.stream().map(FieldError::message).toList(),
                errorFor(errors, "code"),
                errorFor(errors, "branchName"),
                errorFor(errors, "branchSlug"),
                errorFor(errors, "adminName"),
                errorFor(errors, "adminEmail"),
                errorFor(errors, "password"),
                errorFor(errors, "passwordConfirmation"));
    }

    private String siteName() {
        return branches.current().map(b -> b.name()).orElse("Branchwork");
    }

    private static String errorFor(List<FieldError> errors, String field) {
        return errors.stream()
                .filter(e -> e.field().equals(field))
                .map(FieldError::message)
                .findFirst()
                .orElse(null);
    }
}
