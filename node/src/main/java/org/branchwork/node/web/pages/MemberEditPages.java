package org.branchwork.node.web.pages;

import java.util.HashMap;
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

import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.MemberErasure;
import org.branchwork.node.service.MemberService;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.FormView;
import org.branchwork.node.web.view.MemberEraseView;
import org.branchwork.node.web.view.MemberFormView;

/**
 * Organisers change the member list by hand: add one member (someone who signed up on paper),
 * correct a member's details, email included (audited: who changed which fields), and erase a
 * member after a confirmation step. A refused form keeps what was typed.
 */
public final class MemberEditPages implements HttpService {

    private static final String FORM = "organise/member-form";
    private static final List<String> FIELDS = List.of("name", "email", "postcode", "phone", "tags");

    private final MemberService members;
    private final MemberErasure erasure;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public MemberEditPages(MemberService members, MemberErasure erasure, Sessions sessions, Csrf csrf, Pages pages) {
        this.members = members;
        this.erasure = erasure;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/members/new", this::newForm)
                .post("/members", this::add)
                .get("/members/{id}/edit", this::editForm)
                .post("/members/{id}/edit", this::edit)
                .get("/members/{id}/erase", this::eraseForm)
                .post("/members/{id}/erase", this::erase);
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        viewer.ifPresent(v -> pages.render(
                res, Status.OK_200, viewer, FORM, adding(FormView.of("Add a member", v.csrf(), Map.of(), List.of()))));
    }

    private void add(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Parameters f = posted.get().form();
        sessions.once(posted.get(), req, res, () -> switch (members.create(
                posted.get().viewer().acting(),
                Forms.field(f, "name"),
                Forms.field(f, "email"),
                Forms.field(f, "postcode"),
                Forms.field(f, "phone"),
                f.first("consent").isPresent(),
                Forms.field(f, "tags"),
                "organiser")) {
            case MemberService.CreateResult.Created created ->
                Optional.of("/organise/members/" + created.member().id().value() + "?notice=added");
            case MemberService.CreateResult.Invalid invalid -> {
                pages.render(
                        res,
                        Status.UNPROCESSABLE_CONTENT_422,
                        posted.get().viewerOptional(),
                        FORM,
                        adding(FormView.of("Add a member", posted.get().viewer().csrf(), typed(f), invalid.errors())));
                yield Optional.empty();
            }
        });
    }

    private static MemberFormView adding(FormView form) {
        return new MemberFormView(form, "/organise/members", "Add the member", "/organise/members", true);
    }

    private void editForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        Member m = member(viewer.get(), req);
        Map<String, String> values = new HashMap<>();
        values.put("name", m.displayName());
        values.put("email", m.email());
        values.put("postcode", m.postcode() == null ? "" : m.postcode());
        values.put("phone", m.phone() == null ? "" : m.phone());
        values.put("consent", m.contactConsent() ? "yes" : "");
        pages.render(
                res,
                Status.OK_200,
                viewer,
                FORM,
                editing(FormView.of("Edit " + m.displayName(), viewer.get().csrf(), values, List.of()), m));
    }

    private void edit(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Member m = member(posted.get().viewer(), req);
        Parameters f = posted.get().form();
        List<FieldError> errors = members.updateDetails(
                posted.get().viewer().acting(),
                m.id(),
                Forms.field(f, "name"),
                Forms.field(f, "email"),
                Forms.field(f, "postcode"),
                Forms.field(f, "phone"),
                f.first("consent").isPresent());
        if (errors.isEmpty()) {
            Pages.redirect(res, "/organise/members/" + m.id().value() + "?saved=1");
            return;
        }
        pages.render(
                res,
                Status.UNPROCESSABLE_CONTENT_422,
                posted.get().viewerOptional(),
                FORM,
                editing(
                        FormView.of(
                                "Edit " + m.displayName(), posted.get().viewer().csrf(), typed(f), errors),
                        m));
    }

    private static MemberFormView editing(FormView form, Member m) {
        String record = "/organise/members/" + m.id().value();
        return new MemberFormView(form, record + "/edit", "Save changes", record, false);
    }

    private void eraseForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isPresent()) {
            Member m = member(viewer.get(), req);
            pages.render(res, Status.OK_200, viewer, "organise/member-erase", eraseView(viewer.get(), m, null));
        }
    }

    private void erase(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Viewer v = posted.get().viewer();
        Member m = member(v, req);
        List<FieldError> errors = erasure.erase(v.acting(), m.id());
        if (!errors.isEmpty()) {
            pages.render(
                    res,
                    Status.CONFLICT_409,
                    Optional.of(v),
                    "organise/member-erase",
                    eraseView(v, m, errors.getFirst().message()));
            return;
        }
        if (m.id().equals(v.member().id())) {
            sessions.end(v, res);
        }
        pages.message(
                res,
                Status.OK_200,
                m.id().equals(v.member().id()) ? Optional.empty() : Optional.of(v),
                "Member erased",
                m.displayName() + "\u2019s personal data is erased from this node.");
    }

    private static MemberEraseView eraseView(Viewer v, Member m, String error) {
        return new MemberEraseView("Erase " + m.displayName(), v.csrf(), m.id().value(), m.displayName(), error);
    }

    /** The member the path names, or a 404 (for a member asking, too: they learn nothing). */
    private Member member(Viewer v, ServerRequest req) {
        Optional<MemberId> id = OrganiserPages.memberId(req);
        return id.flatMap(i -> members.profile(v.acting(), i))
                .map(MemberService.Profile::member)
                .orElseThrow(() -> new NotFoundException("There is no member with that number."));
    }

    private static Map<String, String> typed(Parameters f) {
        Map<String, String> values = new HashMap<>();
        FIELDS.forEach(name -> values.put(name, Forms.field(f, name)));
        values.put("consent", f.first("consent").isPresent() ? "yes" : "");
        return values;
    }
}
