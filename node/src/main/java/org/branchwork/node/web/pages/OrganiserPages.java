package org.branchwork.node.web.pages;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.MemberQuery;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.AttendanceService;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.MemberExport;
import org.branchwork.node.service.MemberService;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.MemberListView;
import org.branchwork.node.web.view.MemberRecordView;

/**
 * {@code /organise}: the member list (search, filters, paging, sort), a member's record with tags
 * and notes, and the CSV export. The CSV import, under the same prefix, is {@link ImportPages}.
 */
public final class OrganiserPages implements HttpService {

    static final int PAGE_SIZE = 50;

    private final MemberService members;
    private final MemberExport export;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    private final AttendanceService checkIn;

    public OrganiserPages(
            MemberService members,
            MemberExport export,
            AttendanceService checkIn,
            Sessions sessions,
            Csrf csrf,
            Pages pages) {
        this.checkIn = checkIn;
        this.members = members;
        this.export = export;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/members", this::list)
                .get("/members/export.csv", this::export)
                .get("/members/{id}", this::record)
                .post("/members/{id}/tags", this::tags)
                .post("/members/{id}/notes", this::note)
                .post("/members/{id}/role", this::role);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        List<String> errors = new ArrayList<>();
        MemberQuery q = query(req, errors);
        MemberService.Listing listing = members.search(viewer.get().acting(), q);
        List<MemberListView.Row> rows = listing.rows().stream()
                .map(r -> new MemberListView.Row(
                        r.member().id().value(),
                        r.member().displayName(),
                        r.member().email(),
                        r.member().postcode(),
                        r.member().phone(),
                        String.join(", ", r.tags()),
                        r.member()
                                .createdAt()
                                .atZone(ZoneOffset.UTC)
                                .toLocalDate()
                                .toString()))
                .toList();
        String filters = filterQuery(req);
        String sort = q.sort().name().toLowerCase(Locale.ROOT);
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "organise/members",
                new MemberListView(
                        "Members",
                        viewer.get().csrf(),
                        param(req, "q"),
                        param(req, "postcode"),
                        param(req, "tag"),
                        param(req, "since"),
                        sort,
                        rows,
                        listing.total(),
                        q.page(),
                        listing.pages(),
                        q.page() > 1 ? "/organise/members?" + filters + "page=" + (q.page() - 1) : null,
                        q.page() < listing.pages() ? "/organise/members?" + filters + "page=" + (q.page() + 1) : null,
                        "/organise/members/export.csv?" + filters,
                        members.tagNames(viewer.get().acting()),
                        errors));
    }

    private void export(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        MemberQuery q = query(req, new ArrayList<>());
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/csv; charset=utf-8");
        res.headers().set(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"members.csv\"");
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        try (Writer out = new OutputStreamWriter(res.outputStream(), StandardCharsets.UTF_8)) {
            export.exportCsv(viewer.get().acting(), q, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void record(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.current(req);
        // A member asking for a record by id learns nothing, not even that it exists.
        if (viewer.isPresent() && !viewer.get().can(Role.ORGANISER)) {
            pages.message(res, Status.NOT_FOUND_404, viewer, "Not found", "There is no such page.");
            return;
        }
        viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        showRecord(
                req,
                res,
                viewer.get(),
                List.of(),
                null,
                req.query()
                        .first("saved")
                        .map(s -> "Saved.")
                        .or(() -> req.query()
                                .first("notice")
                                .filter("added"::equals)
                                .map(s -> "Added. They can sign in after setting a password"
                                        + " (\u201cForgotten your password?\u201d on the sign-in page)."))
                        .orElse(null));
    }

    /** {@code typedTags}: what was typed in a refused tag form, shown again instead of the stored tags. */
    private void showRecord(
            ServerRequest req,
            ServerResponse res,
            Viewer viewer,
            List<FieldError> errors,
            String typedTags,
            String notice) {
        Optional<MemberId> id = memberId(req);
        Optional<MemberService.Profile> profile = id.flatMap(i -> members.profile(viewer.acting(), i));
        if (profile.isEmpty()) {
            pages.message(
                    res,
                    Status.NOT_FOUND_404,
                    Optional.of(viewer),
                    "Not found",
                    "There is no member with that number.");
            return;
        }
        var p = profile.get();
        var m = p.member();
        List<MemberRecordView.Note> notes = p.notes().stream()
                .map(n -> new MemberRecordView.Note(
                        n.authorName().isEmpty() ? "(a former member)" : n.authorName(),
                        pages.dates().shown(n.createdAt()),
                        n.body()))
                .toList();
        pages.render(
                res,
                errors.isEmpty() ? Status.OK_200 : Status.UNPROCESSABLE_CONTENT_422,
                Optional.of(viewer),
                "organise/member",
                new MemberRecordView(
                        m.displayName(),
                        viewer.csrf(),
                        m.id().value(),
                        m.displayName(),
                        m.email(),
                        m.postcode(),
                        m.phone(),
                        m.contactConsent(),
                        m.role().code(),
                        pages.dates().shown(m.createdAt()),
                        m.emailConfirmedAt() == null ? "not yet" : pages.dates().shown(m.emailConfirmedAt()),
                        m.source(),
                        typedTags != null ? typedTags : String.join(", ", p.tags()),
                        notes,
                        viewer.can(Role.ADMIN) || m.role() != Role.ADMIN,
                        viewer.can(Role.ADMIN),
                        m.role() == Role.MEMBER,
                        m.role() == Role.ORGANISER,
                        m.role() == Role.ADMIN,
                        errors.stream().map(FieldError::message).toList(),
                        notice,
                        p.mailBouncedSince() == null ? null : pages.dates().shown(p.mailBouncedSince()),
                        MemberPages.attended(checkIn, pages, m.id())));
    }

    private void tags(ServerRequest req, ServerResponse res) {
        formAction(req, res, (viewer, form, id) -> members.setTags(viewer.acting(), id, Forms.field(form, "tags")));
    }

    private void note(ServerRequest req, ServerResponse res) {
        formAction(req, res, (viewer, form, id) -> members.addNote(viewer.acting(), id, Forms.field(form, "note")));
    }

    private void role(ServerRequest req, ServerResponse res) {
        formAction(req, res, (viewer, form, id) -> {
            Role role;
            try {
                role = Role.fromCode(Forms.field(form, "role"));
            } catch (IllegalArgumentException e) {
                return List.of(new FieldError("role", "Choose member, organiser or admin."));
            }
            return members.setRole(viewer.acting(), id, role);
        });
    }

    /** What a form on a member's record does; returns the errors to show. */
    private interface RecordAction {
        List<FieldError> apply(Viewer viewer, Parameters form, MemberId id);
    }

    private void formAction(ServerRequest req, ServerResponse res, RecordAction action) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Parameters form = posted.get().form();
        Optional<MemberId> id = memberId(req);
        if (id.isEmpty() || members.profile(viewer.get().acting(), id.get()).isEmpty()) {
            pages.message(res, Status.NOT_FOUND_404, viewer, "Not found", "There is no member with that number.");
            return;
        }
        List<FieldError> errors = action.apply(viewer.get(), form, id.get());
        if (errors.isEmpty()) {
            Pages.redirect(res, "/organise/members/" + id.get().value() + "?saved=1");
        } else {
            // Only the tag form has a tags field; what was typed there comes back, not the old tags.
            showRecord(
                    req,
                    res,
                    viewer.get(),
                    errors,
                    form.first("tags").asOptional().orElse(null),
                    null);
        }
    }

    private MemberQuery query(ServerRequest req, List<String> errors) {
        java.time.Instant since = null;
        String sinceText = param(req, "since");
        if (!sinceText.isEmpty()) {
            try {
                since = LocalDate.parse(sinceText).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e) {
                errors.add("Joined since must be a date such as 2026-01-31.");
            }
        }
        MemberQuery.Sort sort = switch (param(req, "sort")) {
            case "oldest" -> MemberQuery.Sort.OLDEST;
            case "name" -> MemberQuery.Sort.NAME;
            case "postcode" -> MemberQuery.Sort.POSTCODE;
            default -> MemberQuery.Sort.NEWEST;
        };
        int page = org.branchwork.node.domain.PageNumber.parse(
                req.query().first("page").orElse("1"));
        return new MemberQuery(
                param(req, "q"), param(req, "postcode"), param(req, "tag"), since, sort, page, PAGE_SIZE);
    }

    private static String filterQuery(ServerRequest req) {
        StringBuilder out = new StringBuilder();
        for (String name : List.of("q", "postcode", "tag", "since", "sort")) {
            String v = param(req, name);
            if (!v.isEmpty()) {
                out.append(name)
                        .append('=')
                        .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                        .append('&');
            }
        }
        return out.toString();
    }

    private static String param(ServerRequest req, String name) {
        String v = req.query().first(name).orElse("").strip();
        return v.length() > 200 ? v.substring(0, 200) : v;
    }

    static Optional<MemberId> memberId(ServerRequest req) {
        return pathId(req).map(MemberId::new);
    }

    private static Optional<Long> pathId(ServerRequest req) {
        try {
            return Optional.of(Long.parseLong(req.path().pathParameters().get("id")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
