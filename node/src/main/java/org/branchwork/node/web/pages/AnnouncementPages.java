package org.branchwork.node.web.pages;

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

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.AnnouncementId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.node.service.RequestRefused;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.AnnouncementView;
import org.branchwork.node.web.view.FormView;

/**
 * Announcements on the branch's site: the public page of each ({@code /announcements/{id}}; 410
 * once deleted), and the organisers' forms to write (Markdown), edit and delete them. The same
 * service calls as the API: each change federates.
 */
public final class AnnouncementPages implements HttpService {

    private final AnnouncementService announcements;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public AnnouncementPages(AnnouncementService announcements, Sessions sessions, Csrf csrf, Pages pages) {
        this.announcements = announcements;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/announcements/new", this::newForm)
                .post("/announcements", this::publish)
                .get("/announcements/{id}", this::show)
                .post("/announcements/{id}/edit", this::edit)
                .post("/announcements/{id}/delete", this::delete);
    }

    private void show(ServerRequest req, ServerResponse res) {
        Announcement a = found(req);
        Optional<Viewer> viewer = sessions.current(req);
        if (a.isDeleted()) {
            pages.message(
                    res, Status.GONE_410, viewer, "Announcement deleted", "The organisers deleted this announcement.");
            return;
        }
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "home/announcement",
                new AnnouncementView(
                        a.title() != null ? a.title() : "Announcement",
                        viewer.map(Viewer::csrf).orElse(null),
                        a.id().value(),
                        a.title(),
                        a.content(),
                        a.markdown(),
                        pages.dates().shown(a.published()),
                        a.updated() == null ? null : pages.dates().shown(a.updated()),
                        viewer.map(v -> v.can(Role.ORGANISER)).orElse(false),
                        req.query().first("notice").orElse(null)));
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        viewer.ifPresent(v -> pages.render(
                res,
                Status.OK_200,
                viewer,
                "home/announcement-new",
                FormView.of("New announcement", v.csrf(), Map.of(), List.of())));
    }

    private void publish(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Parameters f = posted.get().form();
        sessions.once(posted.get(), req, res, () -> {
            try {
                Announcement a = announcements.publish(
                        posted.get().viewer().acting(), Forms.field(f, "title"), Forms.field(f, "content"));
                return Optional.of("/announcements/" + a.id().value() + "?notice=Published+to+the+branch's+followers.");
            } catch (RequestRefused.Invalid e) {
                pages.render(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        posted.get().viewerOptional(),
                        "home/announcement-new",
                        FormView.of(
                                "New announcement",
                                posted.get().viewer().csrf(),
                                Map.of(
                                        "title",
                                        String.valueOf(Forms.field(f, "title")),
                                        "content",
                                        String.valueOf(Forms.field(f, "content"))),
                                e.errors()));
                return Optional.empty();
            }
        });
    }

    private void edit(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Announcement a = found(req);
        Parameters f = posted.get().form();
        try {
            announcements.edit(
                    posted.get().viewer().acting(), a.id(), Forms.field(f, "title"), Forms.field(f, "content"));
            Pages.redirect(res, "/announcements/" + a.id().value() + "?notice=Saved:+followers+get+the+new+version.");
        } catch (RequestRefused.Invalid e) {
            Pages.redirect(
                    res,
                    "/announcements/" + a.id().value() + "?notice="
                            + java.net.URLEncoder.encode(e.getMessage(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        announcements.delete(posted.get().viewer().acting(), found(req).id());
        Pages.redirect(res, "/");
    }

    private Announcement found(ServerRequest req) {
        try {
            return announcements
                    .find(AnnouncementId.parse(req.path().pathParameters().get("id")))
                    .orElseThrow(() -> new NotFoundException("No such announcement."));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such announcement.");
        }
    }
}
