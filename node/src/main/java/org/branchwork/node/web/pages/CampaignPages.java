package org.branchwork.node.web.pages;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.CampaignStanding;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.AdoptionService;
import org.branchwork.node.service.CampaignService;
import org.branchwork.node.service.EventService;
import org.branchwork.node.storage.RemoteObjectStore;
import org.branchwork.node.web.Charts;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.CampaignView;
import org.branchwork.node.web.view.CampaignsView;

/**
 * Campaigns for organisers: the dashboard a national organiser opens every morning
 * ({@code /campaigns}), a campaign's page for its owner and for a branch that received it, the form
 * for a new campaign, and adopt, withdraw and report.
 */
public final class CampaignPages implements HttpService {

    private final CampaignService campaigns;
    private final AdoptionService adoptions;
    private final EventService events;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    private final java.time.Clock clock;

    public CampaignPages(
            CampaignService campaigns,
            AdoptionService adoptions,
            EventService events,
            Sessions sessions,
            Csrf csrf,
            Pages pages,
            java.time.Clock clock) {
        this.clock = clock;
        this.campaigns = campaigns;
        this.adoptions = adoptions;
        this.events = events;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/campaigns", this::dashboard)
                .get("/campaigns/network", this::received)
                .post("/campaigns/adopt", (req, res) -> adoption(req, res, true))
                .post("/campaigns/withdraw", (req, res) -> adoption(req, res, false))
                .post("/campaigns/report", this::report)
                .get("/campaigns/{id}", this::show);
    }

    private void dashboard(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        viewer.ifPresent(v -> renderDashboard(
                res, Status.OK_200, v, req.query().first("notice").orElse(null), null));
    }

    private void renderDashboard(ServerResponse res, Status status, Viewer v, String notice, String error) {
        List<CampaignsView.Row> rows = new ArrayList<>();
        List<Instant> adoptedAt = new ArrayList<>();
        List<Instant> eventDates = new ArrayList<>();
        List<CampaignsView.UpcomingRow> upcoming = new ArrayList<>();
        Map<URI, int[]> perBranch = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Campaign k : campaigns.all()) {
            CampaignStanding s = campaigns.standing(k.id()).orElseThrow();
            rows.add(new CampaignsView.Row(
                    k.id().value(),
                    k.title(),
                    k.ended() ? "ended" : "open",
                    s.adopters().size(),
                    s.events().size(),
                    s.participants(),
                    s.attended(),
                    goals(s)));
            s.adopters().forEach(a -> {
                adoptedAt.add(a.adoptedAt());
                perBranch.computeIfAbsent(a.branch(), b -> new int[4])[0]++;
            });
            for (CampaignStanding.LinkedEvent e : s.events()) {
                eventDates.add(e.startsAt());
                int[] counts = perBranch.computeIfAbsent(e.branch(), b -> new int[4]);
                counts[1]++;
                counts[2] += e.participants();
                counts[3] += e.attended() == null ? 0 : e.attended();
                if (e.startsAt().isAfter(now)) {
                    upcoming.add(upcomingRow(e, k.title()));
                }
            }
        }
        upcoming.sort(java.util.Comparator.comparing(CampaignsView.UpcomingRow::when));
        List<CampaignsView.BranchRow> branches = perBranch.entrySet().stream()
                .map(e -> new CampaignsView.BranchRow(
                        label(e.getKey()),
                        e.getKey().toString(),
                        e.getValue()[0],
                        e.getValue()[1],
                        e.getValue()[2],
                        e.getValue()[3]))
                .toList();
        String chart = rows.isEmpty()
                ? null
                : Charts.cumulative(
                        "Adoptions and linked events over time",
                        List.of(
                                new Charts.Series("Adoptions", adoptedAt),
                                new Charts.Series("Linked events", eventDates)),
                        now);
        List<CampaignsView.ReceivedRow> received = adoptions.received(v.acting()).stream()
                .map(r -> new CampaignsView.ReceivedRow(
                        r.item().id().toString(),
                        r.item().shown().name(),
                        label(r.item().attributedTo()),
                        r.adopted(),
                        "/campaigns/network?id="
                                + URLEncoder.encode(r.item().id().toString(), StandardCharsets.UTF_8)))
                .toList();
        pages.render(
                res,
                status,
                Optional.of(v),
                "campaigns/dashboard",
                new CampaignsView("Campaigns", v.csrf(), rows, chart, upcoming, branches, received, notice, error));
    }

    /**
     * A campaign of this node's, for anyone: the brief, its dates, goals and resources. This node's
     * organisers also see who took it up and the events linked across the network.
     */
    private void show(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.current(req);
        CampaignStanding s = ownCampaign(campaigns, req);
        Campaign k = s.campaign();
        CampaignView.Owner owner =
                viewer.filter(v -> v.can(Role.ORGANISER)).map(v -> ownerPart(s)).orElse(null);
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "campaigns/campaign",
                new CampaignView(
                        k.title(),
                        viewer.map(Viewer::csrf).orElse(null),
                        k.id().value(),
                        brief(k, goals(s)),
                        owner,
                        null,
                        req.query().first("notice").orElse(null)));
    }

    /** The campaign of this node's that the path names, as it stands, or a 404. */
    static CampaignStanding ownCampaign(CampaignService campaigns, ServerRequest req) {
        try {
            return campaigns
                    .standing(CampaignId.parse(req.path().pathParameters().get("id")))
                    .orElseThrow(() -> new NotFoundException("No such campaign."));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such campaign.");
        }
    }

    private static CampaignView.Brief brief(Campaign k, List<CampaignsView.GoalRow> goals) {
        return new CampaignView.Brief(
                k.title(),
                null,
                k.startsOn() + " to " + k.endsOn(),
                k.ended(),
                k.summary(),
                k.content(),
                k.callToAction(),
                k.hashtag(),
                k.resources().stream()
                        .map(r -> new CampaignView.Link(r.name(), r.url().toString()))
                        .toList(),
                k.suggested().isEmpty()
                        ? null
                        : String.join(
                                ", ",
                                k.suggested().stream()
                                        .map(org.branchwork.node.domain.EventCategory::code)
                                        .toList()),
                goals);
    }

    private CampaignView.Owner ownerPart(CampaignStanding s) {
        Map<URI, int[]> perBranch = new LinkedHashMap<>();
        s.adopters().forEach(a -> perBranch.put(a.branch(), new int[4]));
        s.events().forEach(e -> {
            int[] counts = perBranch.computeIfAbsent(e.branch(), b -> new int[4]);
            counts[1]++;
            counts[2] += e.participants();
            counts[3] += e.attended() == null ? 0 : e.attended();
        });
        List<CampaignsView.BranchRow> adopters = perBranch.entrySet().stream()
                .map(e -> new CampaignsView.BranchRow(
                        label(e.getKey()), e.getKey().toString(), 1, e.getValue()[1], e.getValue()[2], e.getValue()[3]))
                .toList();
        String chart = Charts.cumulative(
                "Adoptions and linked events over time",
                List.of(
                        new Charts.Series(
                                "Adoptions",
                                s.adopters().stream()
                                        .map(CampaignStanding.Adopter::adoptedAt)
                                        .toList()),
                        new Charts.Series(
                                "Linked events",
                                s.events().stream()
                                        .map(CampaignStanding.LinkedEvent::startsAt)
                                        .toList())),
                clock.instant());
        return new CampaignView.Owner(
                !s.campaign().ended(),
                chart,
                adopters,
                s.events().stream()
                        .map(e -> upcomingRow(e, s.campaign().title()))
                        .toList());
    }

    /**
     * A campaign received from another node. Anyone sees the ones this branch adopted (it announced
     * each adoption publicly), with the branch's events for it; organisers see every one received,
     * and adopt, withdraw and report from here.
     */
    private void received(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.current(req);
        boolean organiser = viewer.map(v -> v.can(Role.ORGANISER)).orElse(false);
        URI id;
        try {
            id = new URI(req.query().first("id").orElse(""));
        } catch (java.net.URISyntaxException e) {
            throw new NotFoundException("No such campaign.");
        }
        // Visitors see only what its owner addressed to the public.
        Optional<RemoteObjectStore.FeedItem> adoptedOne = adoptions.adopted().stream()
                .filter(i -> i.id().equals(id) && (organiser || i.isPublic()))
                .findFirst();
        RemoteObjectStore.FeedItem item = adoptedOne
                .or(() -> organiser ? adoptions.receivedOne(viewer.get().acting(), id) : Optional.empty())
                .orElseThrow(() -> new NotFoundException("No such campaign."));
        List<CampaignsView.UpcomingRow> mine = events.ofCampaign(id).stream()
                .filter(e -> !e.isDeleted())
                .map(e -> new CampaignsView.UpcomingRow(
                        pages.dates().shown(e.start()),
                        e.name(),
                        null,
                        null,
                        events.counts(e).participants(),
                        null,
                        "/events/" + e.id().value()))
                .toList();
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "campaigns/campaign",
                new CampaignView(
                        item.shown().name(),
                        viewer.map(Viewer::csrf).orElse(null),
                        id.toString(),
                        new CampaignView.Brief(
                                item.shown().name(),
                                label(item.attributedTo()),
                                null,
                                false,
                                null,
                                item.shown().safeHtml(),
                                null,
                                null,
                                List.of(),
                                null,
                                List.of()),
                        null,
                        new CampaignView.Branch(organiser, adoptedOne.isPresent(), mine),
                        req.query().first("notice").orElse(null)));
    }

    private void adoption(ServerRequest req, ServerResponse res, boolean adopt) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Viewer v = posted.get().viewer();
        URI campaign;
        try {
            campaign = new URI(Forms.field(posted.get().form(), "campaign"));
        } catch (java.net.URISyntaxException | NullPointerException e) {
            renderDashboard(res, Status.UNPROCESSABLE_CONTENT_422, v, null, "That is not a campaign.");
            return;
        }
        String back = "/campaigns/network?id=" + URLEncoder.encode(campaign.toString(), StandardCharsets.UTF_8);
        if (adopt) {
            Optional<String> problem = adoptions.adopt(v.acting(), campaign);
            if (problem.isPresent()) {
                renderDashboard(res, Status.UNPROCESSABLE_CONTENT_422, v, null, problem.get());
                return;
            }
            Pages.redirect(res, back + "&notice=Adopted:+link+your+events+to+it+when+you+create+them.");
        } else {
            adoptions.withdraw(v.acting(), campaign);
            Pages.redirect(res, back + "&notice=Withdrawn.");
        }
    }

    private void report(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Parameters f = posted.get().form();
        String campaign = Forms.field(f, "campaign");
        int amount;
        try {
            amount = Integer.parseInt(Forms.field(f, "amount").strip());
        } catch (NumberFormatException | NullPointerException e) {
            amount = -1;
        }
        Optional<String> problem;
        try {
            problem =
                    adoptions.report(posted.get().viewer().acting(), new URI(campaign), Forms.field(f, "goal"), amount);
        } catch (java.net.URISyntaxException | NullPointerException e) {
            problem = Optional.of("That is not a campaign.");
        }
        String back = "/campaigns/network?id=" + URLEncoder.encode(String.valueOf(campaign), StandardCharsets.UTF_8);
        Pages.redirect(res, back + "&notice=" + URLEncoder.encode(problem.orElse("Reported."), StandardCharsets.UTF_8));
    }

    private static List<CampaignsView.GoalRow> goals(CampaignStanding s) {
        return s.goals().stream()
                .map(g -> new CampaignsView.GoalRow(
                        g.goal().label(), g.progress(), g.goal().target()))
                .toList();
    }

    private CampaignsView.UpcomingRow upcomingRow(CampaignStanding.LinkedEvent e, String campaign) {
        return new CampaignsView.UpcomingRow(
                pages.dates().shown(e.startsAt()),
                e.name(),
                label(e.branch()),
                campaign,
                e.participants(),
                e.attended() == null ? "not reported" : Integer.toString(e.attended()),
                e.event().toString());
    }

    private static String label(URI actor) {
        return org.branchwork.node.service.Fediverse.handleLike(actor);
    }
}
