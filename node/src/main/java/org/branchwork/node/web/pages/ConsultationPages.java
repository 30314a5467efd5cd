package org.branchwork.node.web.pages;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.HeaderNames;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.ConsultationResult;
import org.branchwork.node.domain.Role;
import org.branchwork.node.domain.VotingMethod;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.ConsultationInput;
import org.branchwork.node.service.ConsultationNetwork;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.HtmlContent;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.Choice;
import org.branchwork.node.web.view.ConsultationFormView;
import org.branchwork.node.web.view.ConsultationView;
import org.branchwork.node.web.view.ConsultationsView;
import org.branchwork.node.web.view.FormView;
import org.branchwork.node.web.view.ReceiptView;

/**
 * {@code /consultations}: the list; organisers start one ({@code /new}) and close it; members vote
 * on its page, see their receipt once, and check a receipt later; results where they may be shown
 * (a bar chart, the STV stages), as CSV, and the receipts list the receipts hash is taken over.
 */
public final class ConsultationPages implements HttpService {

    private static final List<String> FIELDS = List.of(
            "title",
            "content",
            "options",
            "method",
            "maxChoices",
            "seats",
            "kind",
            "opensAt",
            "closesAt",
            "electorateCutoff",
            "quorum");
    private static final String[] ORDINALS = {"1st", "2nd", "3rd"};

    private final ConsultationService consultations;
    private final ConsultationNetwork network;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;
    private final LocalUris uris;
    private final Clock clock;

    public ConsultationPages(
            ConsultationService consultations,
            ConsultationNetwork network,
            Sessions sessions,
            Csrf csrf,
            Pages pages,
            LocalUris uris,
            Clock clock) {
        this.consultations = consultations;
        this.network = network;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
        this.uris = uris;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/consultations", this::list)
                .get("/consultations/new", this::newForm)
                .post("/consultations", this::create)
                .get("/consultations/{uuid}", this::show)
                .post("/consultations/{uuid}/ballot", this::vote)
                .post("/consultations/{uuid}/receipt", this::check)
                .post("/consultations/{uuid}/close", this::close);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.MEMBER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<ConsultationsView.Item> items = new ArrayList<>();
        for (Consultation k : consultations.list(viewer.get().acting())) {
            items.add(new ConsultationsView.Item(
                    k.id().value(),
                    k.title(),
                    stateWords(k.state(now)),
                    pages.dates().shown(k.opensAt()),
                    pages.dates().shown(k.closesAt()),
                    k.kind().code(),
                    methodWords(k)));
        }
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "consultations/list",
                new ConsultationsView("Consultations", viewer.get().can(Role.ORGANISER), items));
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        sessions.require(req, res, Role.ORGANISER, pages).ifPresent(v -> {
            Map<String, String> values = new HashMap<>();
            values.put("method", "single");
            values.put("kind", "advisory");
            renderForm(res, Status.OK_200, v, values, List.of());
        });
    }

    private void renderForm(
            ServerResponse res, Status status, Viewer v, Map<String, String> values, List<FieldError> errors) {
        String method = values.getOrDefault("method", "single");
        String kind = values.getOrDefault("kind", "advisory");
        pages.render(
                res,
                status,
                Optional.of(v),
                "consultations/new",
                new ConsultationFormView(
                        FormView.of("Start a consultation", v.csrf(), values, errors),
                        List.of(
                                new Choice("single", "Single choice: each member picks one", method.equals("single")),
                                new Choice(
                                        "approval",
                                        "Approval: each member picks up to a number of options",
                                        method.equals("approval")),
                                new Choice(
                                        "ranked",
                                        "Ranked: members number options in order, counted by STV (one seat: instant"
                                                + " runoff)",
                                        method.equals("ranked"))),
                        List.of(
                                new Choice(
                                        "advisory", "Advisory: results show while it is open", kind.equals("advisory")),
                                new Choice(
                                        "binding",
                                        "Binding: results show only once it has closed",
                                        kind.equals("binding")))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Parameters f = posted.get().form();
        String percent = Forms.field(f, "quorum").strip().replace("%", "");
        String quorum = percent;
        if (!percent.isEmpty()) {
            try {
                quorum = String.valueOf(Double.parseDouble(percent) / 100);
            } catch (NumberFormatException e) {
                quorum = percent; // refused by the service, in its words
            }
        }
        var typed = new ConsultationInput.Typed(
                Forms.field(f, "title"),
                Forms.field(f, "content"),
                Arrays.asList(Forms.field(f, "options").split("\\R")),
                Forms.field(f, "method"),
                Forms.field(f, "maxChoices"),
                Forms.field(f, "seats"),
                Forms.field(f, "kind"),
                Forms.field(f, "opensAt"),
                Forms.field(f, "closesAt"),
                Forms.field(f, "electorateCutoff"),
                quorum);
        sessions.once(posted.get(), req, res, () -> switch (consultations.create(
                posted.get().viewer().acting(), typed)) {
            case ConsultationService.Saved.Done done ->
                Optional.of("/consultations/" + done.consultation().id().value());
            case ConsultationService.Saved.Invalid invalid -> {
                Map<String, String> values = new HashMap<>();
                FIELDS.forEach(name -> values.put(name, Forms.field(f, name)));
                renderForm(res, Status.UNPROCESSABLE_CONTENT_422, posted.get().viewer(), values, invalid.errors());
                yield Optional.empty();
            }
        });
    }

    private ConsultationId id(ServerRequest req) {
        return uris.consultationIdOf(req.path().pathParameters().get("uuid"))
                .orElseThrow(() -> new NotFoundException("No such consultation."));
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.MEMBER, pages);
        viewer.ifPresent(v -> render(res, Status.OK_200, v, id(req), null, false));
    }

    private void render(ServerResponse res, Status status, Viewer v, ConsultationId id, String error, boolean change) {
        ConsultationService.Standing s = consultations.standing(v.acting(), id);
        ConsultationService.Voter me = consultations.voter(v.acting(), id);
        Consultation k = s.consultation();
        boolean open = s.state() == Consultation.State.OPEN;
        String action = "/consultations/" + k.id().value() + "/ballot";
        ConsultationView.Ballot ballot = null;
        String note;
        if (!me.onRoll()) {
            note = me.whyNot();
        } else if (me.votedOn() != null) {
            note = "You voted on " + me.votedOn() + "."
                    + (open ? " You can change your vote until the close with the receipt code you were shown." : "");
            ballot = open ? ballot(k, action, true) : null;
        } else {
            note = open
                    ? null
                    : s.state() == Consultation.State.SCHEDULED ? "Voting has not opened yet." : "You did not vote.";
            ballot = open ? ballot(k, action, false) : null;
        }
        if (change && ballot != null) {
            ballot = ballot(k, action, true);
        }
        pages.render(
                res,
                status,
                Optional.of(v),
                "consultations/consultation",
                new ConsultationView(
                        k.title(),
                        k.id().value(),
                        HtmlContent.fromMarkdown(k.markdown()),
                        stateWords(s.state()),
                        pages.dates().shown(k.opensAt()),
                        pages.dates().shown(k.closesAt()),
                        pages.dates().shown(k.electorateCutoff()),
                        k.kind() == Consultation.Kind.BINDING
                                ? "Binding: results show once it has closed."
                                : "Advisory: results show while it is open.",
                        methodWords(k),
                        figures(k, s),
                        v.csrf(),
                        v.can(Role.ORGANISER) && s.state() != Consultation.State.CLOSED,
                        ballot,
                        note,
                        error,
                        s.receiptsHash(),
                        k.certificate() == null
                                ? null
                                : "Counted and certified on "
                                        + pages.dates().shown(k.certificate().certifiedAt())
                                        + ": the " + k.certificate().ballots()
                                        + " individual ballots were deleted then;"
                                        + " the counts of each ranking and the receipts are kept, and are the result."));
    }

    /** The network's figures for our own consultation, the branch's for one it took up. */
    private ConsultationView.Figures figures(Consultation k, ConsultationService.Standing s) {
        Optional<ConsultationNetwork.Results> across = network.ownResults(k.id());
        Long electorate = across.map(a -> (Long) a.electorate())
                .orElse(s.electorate() == null ? null : s.electorate().longValue());
        boolean frozen =
                k.electorate() != null || across.map(a -> a.electorate() > 0).orElse(false);
        long ballots = across.map(ConsultationNetwork.Results::ballots).orElse(s.ballots());
        ConsultationResult result =
                across.map(ConsultationNetwork.Results::result).orElse(s.result());
        String quorum = "";
        if (k.quorum() != null) {
            quorum = ConsultationResultsViews.percent(Math.round(k.quorum() * 10_000), 10_000) + " of the electorate"
                    + (!frozen ? "" : ballots >= Math.ceil(k.quorum() * electorate) ? ": met" : ": not met");
        }
        return new ConsultationView.Figures(
                frozen ? String.valueOf(electorate) : "fixed at the opening",
                ballots,
                !frozen || electorate == 0 ? "" : ConsultationResultsViews.percent(ballots, electorate),
                quorum,
                result == null ? null : ConsultationResultsViews.results(k, result),
                result == null ? "Results of a binding consultation show once it has closed." : null,
                across.isPresent(),
                across.map(ConsultationResultsViews::completeness).orElse(null),
                across.map(a -> ConsultationResultsViews.branches(k, a)).orElse(List.of()),
                across.map(a -> ConsultationResultsViews.publicVotes(a.publicVotes()))
                        .orElse(null));
    }

    /** The ballot form for {@code k}, posted to {@code action}; {@code change} asks for the receipt code. */
    static ConsultationView.Ballot ballot(Consultation k, String action, boolean change) {
        List<Choice> options =
                k.options().stream().map(o -> new Choice(o, o, false)).toList();
        List<ConsultationView.Slot> slots = new ArrayList<>();
        if (k.method() instanceof VotingMethod.Ranked) {
            for (int i = 0; i < k.options().size(); i++) {
                List<Choice> choices = new ArrayList<>();
                choices.add(new Choice("", i == 0 ? "Choose an option" : "(no further choice)", true));
                choices.addAll(options);
                slots.add(new ConsultationView.Slot(
                        i + 1, (i < ORDINALS.length ? ORDINALS[i] : (i + 1) + "th") + " choice", choices));
            }
        }
        return new ConsultationView.Ballot(
                action,
                k.method() instanceof VotingMethod.Single,
                k.method() instanceof VotingMethod.Approval,
                k.method() instanceof VotingMethod.Ranked,
                ConsultationService.maxMarks(k),
                options,
                slots,
                change);
    }

    private void vote(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.MEMBER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        ConsultationId id = id(req);
        Parameters f = posted.get().form();
        List<String> choices = choices(f);
        Viewer v = posted.get().viewer();
        switch (consultations.vote(v.acting(), id, choices, Forms.field(f, "receipt"))) {
            case ConsultationService.Voting.Cast cast -> {
                Consultation k = consultations.find(v.acting(), id).orElseThrow();
                // Shown here, once, never put in a URL (where logs and history would keep it).
                res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
                pages.render(
                        res,
                        Status.OK_200,
                        Optional.of(v),
                        "consultations/receipt",
                        new ReceiptView(
                                "Your ballot is counted",
                                id.value(),
                                k.title(),
                                cast.receipt(),
                                cast.replaced(),
                                false,
                                true));
            }
            case ConsultationService.Voting.Refused r ->
                render(
                        res,
                        Status.CONFLICT_409,
                        v,
                        id,
                        r.message(),
                        !Forms.field(f, "receipt").isBlank());
        }
    }

    /** What a ballot form chose: the boxes ticked, or the ranks in order (the service refuses gaps and repeats). */
    static List<String> choices(Parameters f) {
        List<String> choices = new ArrayList<>(f.all("choice", List::of));
        for (int i = 1; i <= 50; i++) {
            f.first("rank" + i).ifPresent(choices::add);
        }
        return choices;
    }

    private void check(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.MEMBER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        ConsultationId id = id(req);
        Viewer v = posted.get().viewer();
        Consultation k =
                consultations.find(v.acting(), id).orElseThrow(() -> new NotFoundException("No such consultation."));
        boolean counted =
                consultations.counted(v.acting(), id, Forms.field(posted.get().form(), "receipt"));
        pages.render(
                res,
                Status.OK_200,
                Optional.of(v),
                "consultations/receipt",
                new ReceiptView("Checking a receipt", id.value(), k.title(), null, false, true, counted));
    }

    private void close(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        ConsultationId id = id(req);
        consultations.close(posted.get().viewer().acting(), id);
        Pages.redirect(res, "/consultations/" + id.value());
    }

    private static String stateWords(Consultation.State s) {
        return switch (s) {
            case SCHEDULED -> "Not open yet";
            case OPEN -> "Open";
            case CLOSED -> "Closed";
        };
    }

    private static String methodWords(Consultation k) {
        return switch (k.method()) {
            case VotingMethod.Single s -> "Single choice";
            case VotingMethod.Approval a -> "Approval: up to " + a.maxChoices();
            case VotingMethod.Ranked r ->
                r.seats() == 1 ? "Ranked: instant runoff for one seat" : "Ranked: STV for " + r.seats() + " seats";
        };
    }
}
