package org.branchwork.node.web.pages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
import org.branchwork.node.service.CampaignService;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.Fediverse;
import org.branchwork.node.service.NetworkFeed;
import org.branchwork.node.service.SetupService;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.web.Dates;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Templates;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.Chrome;
import org.branchwork.node.web.view.EventListView;

/** {@code /}: the branch's public home page, or the set-up form while the node has no branch. */
public final class HomePages implements HttpService {

    private static final int NETWORK_SHOWN = 10;

    private final BranchService branches;
    private final SetupService setup;
    private final SetupPages setupPages;
    private final Templates templates;
    private final PublicOrigin origin;
    private final Sessions sessions;

    private final AnnouncementService announcements;
    private final EventService events;
    private final CampaignService campaigns;
    private final NetworkFeed network;
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
            CampaignService campaigns,
            NetworkFeed network,
            Dates dates) {
        this.dates = dates;
        this.campaigns = campaigns;
        this.network = network;
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
                        page > 1 ? List.of() : campaignItems(),
                        page > 1 ? List.of() : networkItems(),
                        items,
                        viewer.map(v -> v.can(Role.ORGANISER)).orElse(false),
                        handle(b),
                        setup.needed(),
                        news.size() > AnnouncementService.PAGE ? "/?page=" + (page + 1) : null));
    }

    /** Announcements and events from the accounts the branch follows, labelled with where each comes from. */
    private List<EventListView.Item> networkItems() {
        return network.latest(NETWORK_SHOWN).stream()
                .map(e -> new EventListView.Item(
                        Optional.ofNullable(e.item().shown().url())
                                .orElse(e.item().id())
                                .toString(),
                        e.item().shown().name(),
                        "From " + e.from()
                                + Optional.ofNullable(e.item().shown().startsAt())
                                        .map(t -> " · " + dates.shown(t))
                                        .orElse(""),
                        e.item().shown().safeHtml(),
                        false))
                .toList();
    }

    /** This node's open campaigns, then those the branch adopted, each saying whose it is. */
    private List<EventListView.Item> campaignItems() {
        List<EventListView.Item> out = new ArrayList<>();
        campaigns.all().stream()
                .filter(k -> !k.ended())
                .forEach(k -> out.add(
                        new EventListView.Item("/campaigns/" + k.id().value(), k.title(), k.summary(), null, false)));
        campaigns.adopted().stream()
                .filter(RemoteObjectStore.FeedItem::isPublic)
                .forEach(i -> out.add(new EventListView.Item(
                        "/campaigns/network?id=" + URLEncoder.encode(i.id().toString(), StandardCharsets.UTF_8),
                        i.shown().name(),
                        "A campaign from " + Fediverse.handleLike(i.attributedTo()),
                        null,
                        false)));
        return out;
    }

    private String handle(Branch branch) {
        return "@" + branch.slug() + "@" + origin.authority();
    }
}
