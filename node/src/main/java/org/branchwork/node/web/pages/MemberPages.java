package org.branchwork.node.web.pages;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.AttendanceService;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.MemberErasure;
import org.branchwork.node.service.MemberService;
import org.branchwork.node.service.ProfileService;
import org.branchwork.node.service.RsvpService;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.DashboardView;
import org.branchwork.node.web.view.FormView;

/** {@code /me}: the member's dashboard and profile, "download my data" and "delete my account". */
public final class MemberPages implements HttpService {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MemberService members;
    private final MemberErasure erasure;
    private final RsvpService attendance;
    private final ProfileService profiles;
    private final ConsultationService consultations;
    private final NetworkInView network;
    private final AttendanceService checkIn;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public MemberPages(
            MemberService members,
            MemberErasure erasure,
            RsvpService attendance,
            ProfileService profiles,
            ConsultationService consultations,
            NetworkInView network,
            AttendanceService checkIn,
            Sessions sessions,
            Csrf csrf,
            Pages pages) {
        this.checkIn = checkIn;
        this.erasure = erasure;
        this.attendance = attendance;
        this.profiles = profiles;
        this.consultations = consultations;
        this.network = network;
        this.members = members;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::dashboard)
                .post("/profile", this::saveProfile)
                .get("/data", this::download)
                .post("/delete", this::delete);
    }

    private void dashboard(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.MEMBER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        FormView view = profileForm(viewer.get(), viewer.get().member(), List.of());
        if (req.query().first("welcome").filter("setup"::equals).isPresent()
                && viewer.get().can(Role.ADMIN)) {
            Map<String, String> values = new java.util.HashMap<>(view.value());
            values.put("nextSteps", "yes");
            view = new FormView(view.title(), view.csrf(), values, view.error(), view.errors(), null, null)
                    .withNotice("The node is set up, and you are signed in as its admin.");
        } else if (req.query().first("welcome").isPresent()) {
            view = view.withNotice(
                    "Welcome, " + viewer.get().member().displayName() + ": your email address is confirmed.");
        } else if (req.query().first("saved").isPresent()) {
            view = view.withNotice("Your profile is saved.");
        }
        dashboard(res, Status.OK_200, viewer, view);
    }

    /** The dashboard with its form as given, and what the network publishes. */
    private void dashboard(ServerResponse res, Status status, Optional<Viewer> viewer, FormView form) {
        List<String> consents = viewer.map(
                        v -> members.consentHistory(v.member().id()).stream()
                                .map(this::inWords)
                                .toList())
                .orElse(List.of());
        pages.render(
                res,
                status,
                viewer,
                "me/dashboard",
                new DashboardView(
                        form,
                        network.campaigns(),
                        network.news(),
                        consents,
                        viewer.map(v -> attended(checkIn, pages, v.member().id()))
                                .orElse(List.of())));
    }

    /** The events the member was checked in at, latest first, as their record and {@code /me} list them. */
    static List<org.branchwork.node.web.view.AttendedEvent> attended(
            AttendanceService checkIn, Pages pages, org.branchwork.node.domain.MemberId member) {
        return checkIn.attendedBy(member).stream()
                .map(a -> new org.branchwork.node.web.view.AttendedEvent(
                        a.name(),
                        pages.dates().shown(a.starts()),
                        "/events/" + a.event().value()))
                .toList();
    }

    /** "Branch news: given on 2 Dec 2026, 10:05 GMT, on the join form (join form, 2026-12)." */
    private String inWords(Consent k) {
        String purpose = k.purpose() == Consent.Purpose.BRANCH ? "Branch news" : "National's messages";
        String how = switch (k.how()) {
            case JOIN_FORM -> "on the join form";
            case OWN_CHANGE -> "by you, on this page";
            case ORGANISER -> "by an organiser";
            case IMPORT -> "in an import by an organiser";
            case UNSUBSCRIBE_LINK -> "with the unsubscribe link in a mail";
            case BEFORE_HISTORY -> "before this record was kept";
        };
        return purpose + ": " + (k.granted() ? "given" : "withdrawn") + " on "
                + pages.dates().shown(k.at()) + ", " + how + (k.wording() == null ? "" : " (" + k.wording() + ")")
                + ".";
    }

    private FormView profileForm(Viewer v, Member m, List<FieldError> errors) {
        return profileForm(v, m, members.consents(m.id()).get(Consent.Purpose.NATIONAL), errors);
    }

    private FormView profileForm(Viewer v, Member m, boolean national, List<FieldError> errors) {
        return FormView.of(
                "Your dashboard",
                v.csrf(),
                Map.of(
                        "name",
                        m.displayName(),
                        "email",
                        m.email(),
                        "postcode",
                        m.postcode(),
                        "phone",
                        m.phone(),
                        "consent",
                        m.contactConsent() ? "yes" : "",
                        "nationalConsent",
                        national ? "yes" : "",
                        "role",
                        m.role().code()),
                errors);
    }

    private void saveProfile(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.MEMBER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Parameters form = posted.get().form();
        Member m = viewer.get().member();
        boolean consent = form.first("consent").isPresent();
        boolean national = form.first("nationalConsent").isPresent();
        List<FieldError> errors = members.updateOwnProfile(
                m,
                Forms.field(form, "name"),
                Forms.field(form, "postcode"),
                Forms.field(form, "phone"),
                consent,
                national);
        if (errors.isEmpty()) {
            Pages.redirect(res, "/me?saved=1");
            return;
        }
        Member shown = new Member(
                m.id(),
                m.email(),
                Forms.field(form, "name"),
                Forms.field(form, "postcode"),
                Forms.field(form, "phone"),
                consent,
                m.role(),
                m.createdAt(),
                m.emailConfirmedAt(),
                m.source());
        dashboard(res, Status.UNPROCESSABLE_CONTENT_422, viewer, profileForm(viewer.get(), shown, national, errors));
    }

    private void download(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.MEMBER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        MemberService.OwnData data = members.ownData(viewer.get().member());
        Member m = data.member();
        ObjectNode out = JSON.createObjectNode();
        out.put("name", m.displayName())
                .put("email", m.email())
                .put("postcode", m.postcode())
                .put("phone", m.phone())
                .put("contactConsent", m.contactConsent())
                .put("role", m.role().code())
                .put("joined", m.createdAt().toString())
                .put(
                        "emailConfirmed",
                        m.emailConfirmedAt() == null
                                ? null
                                : m.emailConfirmedAt().toString())
                .put("source", m.source());
        data.tags().forEach(out.putArray("tags")::add);
        var notes = out.putArray("notesByOrganisers");
        data.notes()
                .forEach(n -> notes.addObject()
                        .put("written", n.createdAt().toString())
                        .put("by", n.authorName())
                        .put("note", n.body()));
        var rsvps = out.putArray("rsvps");
        attendance
                .ofMember(m.id())
                .forEach(r -> rsvps.addObject()
                        .put("event", r.event())
                        .put("starts", r.starts().toString())
                        .put("answer", r.state().name().toLowerCase(java.util.Locale.ROOT))
                        .put("since", r.since().toString()));
        var attended = out.putArray("eventsAttended");
        checkIn.attendedBy(m.id())
                .forEach(a -> attended.addObject()
                        .put("event", a.name())
                        .put("starts", a.starts().toString()));
        // That they voted and on which day, never how: the node does not know how (docs/decisions/0004).
        var voted = out.putArray("consultationsVotedIn");
        consultations
                .votedIn(m.id())
                .forEach(v -> voted.addObject()
                        .put("consultation", v.consultation().value())
                        .put("title", v.title())
                        .put("on", v.on().toString()));
        var elsewhere = out.putArray("rsvpsToOtherBranches");
        profiles.rsvpsElsewhere(m)
                .forEach(r ->
                        elsewhere.addObject().put("event", r.event().toString()).put("answer", r.state()));
        profiles.profileOf(m.id())
                .ifPresentOrElse(
                        p -> out.putObject("publicProfile")
                                .put("handle", p.handle())
                                .put("displayName", p.displayName()),
                        () -> out.putNull("publicProfile"));
        var reading = out.putArray("branchesYouFollowInYourFeed");
        profiles.subscriptions(m).forEach(a -> reading.add(a.toString()));
        var consentHistory = out.putArray("consents");
        data.consents()
                .forEach(k -> consentHistory
                        .addObject()
                        .put("purpose", k.purpose().code())
                        .put("granted", k.granted())
                        .put("how", k.how().code())
                        .put("wording", k.wording())
                        .put("at", k.at().toString()));
        var audit = out.putArray("auditLogAboutYou");
        data.audit()
                .forEach(e -> audit.addObject()
                        .put("at", e.at().toString())
                        .put("action", e.action())
                        .put("byMemberNumber", e.actorId())
                        .put("detail", e.detail()));
        res.headers().set(HeaderNames.CONTENT_TYPE, "application/json");
        res.headers().set(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"my-data.json\"");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(out.toPrettyString());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.MEMBER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Parameters form = posted.get().form();
        if (!form.first("confirm").isPresent()) {
            dashboard(
                    res,
                    Status.UNPROCESSABLE_CONTENT_422,
                    viewer,
                    profileForm(
                            viewer.get(),
                            viewer.get().member(),
                            List.of(new FieldError(
                                    "confirm", "Tick the box to confirm that you want your account deleted."))));
            return;
        }
        List<FieldError> errors = erasure.eraseOwnAccount(viewer.get().member());
        if (!errors.isEmpty()) {
            dashboard(
                    res,
                    Status.CONFLICT_409,
                    viewer,
                    profileForm(viewer.get(), viewer.get().member(), errors));
            return;
        }
        sessions.end(viewer.get(), res);
        pages.message(
                res,
                Status.OK_200,
                Optional.empty(),
                "Your account is deleted",
                "Your personal data is erased from this node. Thank you for being part of the branch.");
    }
}
