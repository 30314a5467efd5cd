package org.branchwork.node.web.pages;

import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.PublicOrigin;
import org.branchwork.node.domain.Branch;
import org.branchwork.node.service.BranchService;
import org.branchwork.node.service.SetupService;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Templates;
import org.branchwork.node.web.view.Chrome;
import org.branchwork.node.web.view.Nav;
import org.branchwork.node.web.view.HomeView;

/** {@code /}: the branch's public home page, or the set-up form while the node has no branch. */
public final class HomePages implements HttpService {

    private final BranchService branches;
    private final SetupService setup;
    private final SetupPages setupPages;
    private final Templates templates;
    private final PublicOrigin origin;
    private final Sessions sessions;

    public HomePages(BranchService branches, SetupService setup, SetupPages setupPages, Templates templates,
                     PublicOrigin origin, Sessions sessions) {
        this.sessions = sessions;
        this.branches = branches;
        this.setup = setup;
        this.setupPages = setupPages;
        this.templates = templates;
        this.origin = origin;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::home);
    }

    private void home(ServerRequest req, ServerResponse res) {
        Optional<Branch> branch = branches.current();
        if (branch.isEmpty()) {
            setupPages.showForm(req, res);
            return;
        }
        Branch b = branch.get();
        templates.send(res, Status.OK_200, "home/home", new Chrome(b.name(), Nav.of(sessions.current(req))),
                new HomeView(b.name(), b.name(), handle(b), setup.needed()));
    }

    private String handle(Branch branch) {
        return "@" + branch.slug() + "@" + origin.authority();
    }
}
