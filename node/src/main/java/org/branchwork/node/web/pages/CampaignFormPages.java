package org.branchwork.node.web.pages;

import java.util.Optional;

import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.CampaignService;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.CampaignCloseView;

/**
 * What organisers do to this node's own campaigns: publish one, edit its brief (every branch
 * following gets the {@code Update}), and close it after a confirmation step. A refused form
 * keeps everything that was typed.
 */
public final class CampaignFormPages implements HttpService {

    private static final String TEMPLATE = "campaigns/new";

    private final CampaignService campaigns;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public CampaignFormPages(CampaignService campaigns, Sessions sessions, Csrf csrf, Pages pages) {
        this.campaigns = campaigns;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/campaigns/new", this::newForm)
                .post("/campaigns", this::create)
                .get("/campaigns/{id}/edit", this::editForm)
                .post("/campaigns/{id}/edit", this::edit)
                .get("/campaigns/{id}/close", this::closeForm)
                .post("/campaigns/{id}/close", this::close);
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        viewer.ifPresent(v -> pages.render(
                res,
                Status.OK_200,
                viewer,
                TEMPLATE,
                CampaignForm.blank().view("New campaign", v.csrf(), "/campaigns", "Publish", null)));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        sessions.once(posted.get(), req, res, () -> {
            CampaignService.Result result = campaigns.create(
                    posted.get().viewer().acting(),
                    CampaignForm.input(posted.get().form()));
            if (result.campaign() != null) {
                return Optional.of("/campaigns/" + result.campaign().id().value() + "?notice=Published.");
            }
            pages.render(
                    res,
                    Status.UNPROCESSABLE_CONTENT_422,
                    posted.get().viewerOptional(),
                    TEMPLATE,
                    CampaignForm.typed(posted.get().form(), result.errors())
                            .view("New campaign", posted.get().viewer().csrf(), "/campaigns", "Publish", null));
            return Optional.empty();
        });
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        Optional<Campaign> k = viewer.isPresent() ? open(req, res, viewer) : Optional.empty();
        k.ifPresent(c -> pages.render(
                res,
                Status.OK_200,
                viewer,
                TEMPLATE,
                editing(CampaignForm.of(c), c, viewer.get().csrf())));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Campaign> open = open(req, res, posted.get().viewerOptional());
        if (open.isEmpty()) {
            return;
        }
        Campaign k = open.get();
        CampaignService.Result result = campaigns
                .edit(
                        posted.get().viewer().acting(),
                        k.id(),
                        CampaignForm.input(posted.get().form()))
                .orElseThrow(() -> new NotFoundException("No such campaign."));
        if (result.campaign() != null) {
            Pages.redirect(res, "/campaigns/" + k.id().value() + "?notice=Saved:+branches+get+the+new+brief.");
            return;
        }
        pages.render(
                res,
                Status.UNPROCESSABLE_CONTENT_422,
                posted.get().viewerOptional(),
                TEMPLATE,
                editing(
                        CampaignForm.typed(posted.get().form(), result.errors()),
                        k,
                        posted.get().viewer().csrf()));
    }

    private static Object editing(CampaignForm.Filled filled, Campaign k, String csrfToken) {
        String page = "/campaigns/" + k.id().value();
        return filled.view("Edit " + k.title(), csrfToken, page + "/edit", "Save changes", page);
    }

    private void closeForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isPresent()) {
            Campaign k = campaign(req);
            pages.render(
                    res,
                    Status.OK_200,
                    viewer,
                    "campaigns/close",
                    new CampaignCloseView("Close " + k.title(), viewer.get().csrf(), k.id().value(), k.title()));
        }
    }

    private void close(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isPresent()) {
            Campaign k = campaign(req);
            campaigns.close(posted.get().viewer().acting(), k.id());
            Pages.redirect(res, "/campaigns/" + k.id().value() + "?notice=Closed:+branches+are+told+it+has+ended.");
        }
    }

    /** The campaign the path names: one of this node's own, or a 404. */
    private Campaign campaign(ServerRequest req) {
        return CampaignPages.ownCampaign(campaigns, req).campaign();
    }

    /** One still open: an ended campaign's brief stays as branches last saw it (409 otherwise). */
    private Optional<Campaign> open(ServerRequest req, ServerResponse res, Optional<Viewer> viewer) {
        Campaign k = campaign(req);
        if (k.ended()) {
            pages.message(
                    res,
                    Status.CONFLICT_409,
                    viewer,
                    "This campaign has ended",
                    "\u201c" + k.title() + "\u201d is closed: its brief stays as the branches last saw it.");
            return Optional.empty();
        }
        return Optional.of(k);
    }
}
