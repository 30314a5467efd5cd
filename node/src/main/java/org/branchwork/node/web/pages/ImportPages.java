package org.branchwork.node.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.ImportBasis;
import org.branchwork.node.domain.ImportField;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.ImportFile;
import org.branchwork.node.service.MemberImportService;
import org.branchwork.node.service.MemberImportService.Columns;
import org.branchwork.node.service.MemberImportService.Mapped;
import org.branchwork.node.service.MemberImportService.Uploaded;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Uploads;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.ImportColumnsView;
import org.branchwork.node.web.view.ImportView;

/**
 * {@code /organise/import}: the CSV member import. Upload, then (when the file's headers are not
 * all ones the node knows) the mapping of its columns, then the validation report, the go, and
 * the progress of the running import. Every step is a plain form: no JavaScript needed.
 */
public final class ImportPages implements HttpService {

    private static final int MAX_UPLOAD = 32 * 1024 * 1024;

    private final MemberImportService imports;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public ImportPages(MemberImportService imports, Sessions sessions, Csrf csrf, Pages pages) {
        this.imports = imports;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/import", this::form)
                .post("/import", this::upload)
                .get("/import/{id}", this::status)
                .post("/import/{id}/columns", this::columns)
                .post("/import/{id}/start", this::start)
                .post("/import/{id}/discard", this::discard);
    }

    private void form(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isPresent()) {
            pages.render(
                    res,
                    Status.OK_200,
                    viewer,
                    "organise/import",
                    ImportView.uploadForm(viewer.get().csrf(), null));
        }
    }

    private void upload(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        Uploads.Upload upload = Uploads.read(req, MAX_UPLOAD);
        if (!csrf.validToken(req, upload.field("csrf"), viewer)) {
            pages.formRefused(res, viewer, req, csrf);
            return;
        }
        if (upload.file().length == 0) {
            refuse(res, viewer, "Choose a CSV file to import.");
            return;
        }
        switch (imports.upload(viewer.get().acting(), upload.fileName(), upload.file())) {
            case Uploaded.Refused(String reason) -> refuse(res, viewer, reason);
            case Uploaded.NeedsColumns(long id) -> Pages.redirect(res, "/organise/import/" + id);
            case Uploaded.Checked(MemberImportService.Status s) -> Pages.redirect(res, "/organise/import/" + s.id());
        }
    }

    private void refuse(ServerResponse res, Optional<Viewer> viewer, String reason) {
        pages.render(
                res,
                Status.UNPROCESSABLE_CONTENT_422,
                viewer,
                "organise/import",
                ImportView.uploadForm(viewer.get().csrf(), reason));
    }

    private void status(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        Optional<Long> id = pathId(req);
        Optional<MemberImportService.Status> status =
                id.flatMap(i -> imports.status(viewer.get().acting(), i));
        if (status.isEmpty()) {
            notFound(res, viewer);
            return;
        }
        MemberImportService.Status s = status.get();
        if (s.state().equals("mapping")) {
            Optional<Columns> step = imports.columns(viewer.get().acting(), s.id());
            if (step.isPresent()) {
                showColumns(res, viewer.get(), Status.OK_200, step.get(), List.of());
                return;
            }
        }
        if (s.state().equals("running")) {
            // Without JavaScript, the progress view reloads itself until the job is done.
            res.header(HeaderNames.create("Refresh"), "2");
        }
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "organise/import",
                new ImportView(
                        "Import " + s.fileName(),
                        viewer.get().csrf(),
                        s.id(),
                        s.fileName(),
                        s.state(),
                        readAs(s.encoding(), s.delimiter()),
                        legacy(s.encoding()),
                        s.totalRows(),
                        s.validRows(),
                        s.knownRows(),
                        s.doneRows(),
                        s.skippedRows(),
                        s.percent(),
                        s.problemCount(),
                        s.problems(),
                        req.query()
                                .first("basis")
                                .map(b ->
                                        "Say on what basis the people in this file may be contacted," + " then import.")
                                .orElse(null)));
    }

    private void columns(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Viewer viewer = posted.get().viewer();
        Optional<Long> id = pathId(req);
        if (id.isEmpty()) {
            notFound(res, Optional.of(viewer));
            return;
        }
        switch (imports.mapColumns(
                viewer.acting(), id.get(), chosen(posted.get().form()))) {
            case Mapped.Invalid(Columns step, List<String> errors) ->
                showColumns(res, viewer, Status.UNPROCESSABLE_CONTENT_422, step, errors);
            // Checked now, or by a double click a moment ago, or discarded: the status page says which.
            case Mapped.Checked c -> Pages.redirect(res, "/organise/import/" + id.get());
            case Mapped.Gone g -> Pages.redirect(res, "/organise/import/" + id.get());
        }
    }

    /** The fields chosen, column by column, up to the first column missing or with an unknown field. */
    private static List<ImportField> chosen(Parameters form) {
        List<ImportField> out = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Optional<ImportField> f = form.first("column-" + i).asOptional().flatMap(ImportField::fromCode);
            if (f.isEmpty()) {
                break;
            }
            out.add(f.get());
        }
        return out;
    }

    private void showColumns(ServerResponse res, Viewer viewer, Status status, Columns step, List<String> errors) {
        List<ImportColumnsView.Column> columns = new ArrayList<>();
        for (int i = 0; i < step.headers().size(); i++) {
            ImportField selected =
                    i < step.mapping().fields().size() ? step.mapping().fields().get(i) : ImportField.IGNORE;
            List<ImportColumnsView.Option> options = new ArrayList<>();
            for (ImportField f : ImportField.values()) {
                options.add(new ImportColumnsView.Option(f.code(), f.label(), f == selected));
            }
            columns.add(new ImportColumnsView.Column(
                    i, step.headers().get(i), step.examples().get(i), options));
        }
        pages.render(
                res,
                status,
                Optional.of(viewer),
                "organise/import-columns",
                new ImportColumnsView(
                        "Match the columns of " + step.fileName(),
                        viewer.csrf(),
                        step.id(),
                        step.fileName(),
                        readAs(step.encoding(), step.delimiter()),
                        legacy(step.encoding()),
                        columns,
                        errors));
    }

    private void start(ServerRequest req, ServerResponse res) {
        decision(req, res, true);
    }

    private void discard(ServerRequest req, ServerResponse res) {
        decision(req, res, false);
    }

    private void decision(ServerRequest req, ServerResponse res, boolean start) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Optional<Viewer> viewer = posted.get().viewerOptional();
        Optional<Long> id = pathId(req);
        if (id.isEmpty()) {
            notFound(res, viewer);
            return;
        }
        if (start) {
            Optional<ImportBasis> basis =
                    ImportBasis.fromCode(Forms.field(posted.get().form(), "basis"));
            if (basis.isEmpty()) {
                Pages.redirect(res, "/organise/import/" + id.get() + "?basis=missing");
                return;
            }
            imports.start(viewer.get().acting(), id.get(), basis.get());
        } else {
            imports.discard(viewer.get().acting(), id.get());
        }
        Pages.redirect(res, "/organise/import/" + id.get());
    }

    private static String readAs(String encoding, String delimiter) {
        return "Read as " + encoding + ", separated by " + delimiter + ".";
    }

    private static boolean legacy(String encoding) {
        return encoding.equals(ImportFile.Encoding.WINDOWS_1252.label());
    }

    private void notFound(ServerResponse res, Optional<Viewer> viewer) {
        pages.message(res, Status.NOT_FOUND_404, viewer, "Not found", "There is no such import.");
    }

    private static Optional<Long> pathId(ServerRequest req) {
        try {
            return Optional.of(Long.parseLong(req.path().pathParameters().get("id")));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
