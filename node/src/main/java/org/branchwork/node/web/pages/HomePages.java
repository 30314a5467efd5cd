package org.branchwork.node.web.pages;

import java.util.List;
import java.util.Optional;

import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.Branch;
import org.branchwork.node.domain.Role;
import org.branchwork.node.http.PublicOrigin;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.node.service.BranchService;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.SetupService;
import org.branchwork.node.web.Dates;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Templates;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.Chrome;
import org.branchwork.node.web.view.EventListView;

/** {@code /}: the branch's public home page, or the set-up form while the node has no branch. */
public final class HomePages implements HttpService {

    private final BranchService branches;
    private final SetupService setup;
    private final SetupPages setupPages;
    private final Templates templates;
    private final PublicOrigin origin;
    private final Sessions sessions;

    private final AnnouncementService announcements;
    private final EventService events;
    private final NetworkInView network;
    private final Dates dates;

    public HomePages(
            BranchService branches,
            SetupService setup,
            SetupPages setupPages,
            Templates templates,
            PublicOrigin origin,
            Sessions sessions,
            AnnouncementService announcements,
            EventService events,
            NetworkInView network,
            Dates dates) {
        this.network = network;
        this.dates = dates;
        this.announcements = announcements;
        this.events = events;
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
        Optional<Viewer> viewer = sessions.current(req);
        int page = org.branchwork.node.domain.PageNumber.parse(
                req.query().first("page").orElse("1"));
        List<Announcement> news = announcements.page(page);
        List<EventListView.Item> upcoming = page > 1
                ? List.of()
                : events.upcoming(1).stream()
                        .limit(EventService.PAGE)
                        .map(e -> new EventListView.Item(
                                "/events/" + e.id().value(),
                                e.name(),
                                EventPages.when(e)
                                        + Optional.ofNullable(EventPages.where(e))
                                                .map(w -> " · " + w)
                                                .orElse(""),
                                null,
                                e.cancelled()))
                        .toList();
        List<EventListView.Item> items = news.stream()
                .limit(AnnouncementService.PAGE)
                .map(a -> new EventListView.Item(
                        "/announcements/" + a.id().value(), a.title(), dates.shown(a.published()), a.content(), false))
                .toList();
        templates.send(
                res,
                Status.OK_200,
                "home/home",
                new Chrome(b.name(), Viewer.nav(viewer)),
                new EventListView(
                        b.name(),
                        viewer.map(Viewer::csrf).orElse(null),
                        upcoming,
                        page > 1 ? List.of() : network.campaigns(),
                        page > 1 ? List.of() : network.news(),
                        items,
                        viewer.map(v -> v.can(Role.ORGANISER)).orElse(false),
                        handle(b),
                        setup.needed(),
                        news.size() > AnnouncementService.PAGE ? "/?page=" + (page + 1) : null));
    }

    private String handle(Branch branch) {
        return "@" + branch.slug() + "@" + origin.authority();
    }
}
