package org.branchwork.node.web.pages;

import java.net.URI;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.helidon.common.parameters.Parameters;
import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.JoinMode;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.Acting;
import org.branchwork.node.service.AdoptionService;
import org.branchwork.node.service.EventInput;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.RequestRefused;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.Choice;
import org.branchwork.node.web.view.EventCancelView;
import org.branchwork.node.web.view.EventDeleteView;
import org.branchwork.node.web.view.EventFormView;
import org.branchwork.node.web.view.FormView;

/**
 * The organiser's forms for an event: publish a new one, edit it (filled in with the event as it
 * is, in its own time zone), cancel it with a reason, delete it. Cancelling and deleting each ask
 * first; a start in the past needs a tick; a refused form keeps what was typed.
 */
public final class EventFormPages implements HttpService {

    /** The form's {@code datetime-local} value. */
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final EventService events;
    private final AdoptionService adoptions;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;
    private final java.time.Clock clock;

    public EventFormPages(
            EventService events,
            AdoptionService adoptions,
            Sessions sessions,
            Csrf csrf,
            Pages pages,
            java.time.Clock clock) {
        this.events = events;
        this.adoptions = adoptions;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
        this.clock = clock;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/events/new", this::newForm)
                .post("/events", this::create)
                .get("/events/{id}/edit", this::editForm)
                .post("/events/{id}/edit", this::edit)
                .get("/events/{id}/cancel", this::cancelForm)
                .post("/events/{id}/cancel", this::cancel)
                .get("/events/{id}/delete", this::deleteForm)
                .post("/events/{id}/delete", this::delete);
    }

    /** The form again, refused: what was typed, and why (422). */
    private void refuse(
            ServerResponse res,
            Sessions.Posted posted,
            String title,
            Map<String, String> values,
            List<FieldError> errors,
            Function<FormView, EventFormView> as) {
        form(
                res,
                Status.UNPROCESSABLE_CONTENT_422,
                posted.viewerOptional(),
                as.apply(FormView.of(title, posted.viewer().csrf(), values, errors)));
    }

    /** The event form, new or editing, with what it holds (422 when refused). */
    private void form(ServerResponse res, Status status, Optional<Viewer> viewer, EventFormView view) {
        pages.render(res, status, viewer, "events/new", view);
    }

    /** The confirmation step, asking for the reason attendees are told. */
    private void cancelForm(ServerRequest req, ServerResponse res) {
        confirmation(req, res, "events/cancel", (e, csrfToken) -> cancelView(e, csrfToken, "", null));
    }

    /** The confirmation step: deleting cannot be undone. */
    private void deleteForm(ServerRequest req, ServerResponse res) {
        confirmation(
                req,
                res,
                "events/delete",
                (e, csrfToken) -> new EventDeleteView(
                        "Delete " + e.name(), csrfToken, e.id().value(), e.name(), EventPages.when(e)));
    }

    /** A step that asks an organiser before something is done to a live event. */
    private void confirmation(
            ServerRequest req, ServerResponse res, String template, BiFunction<BranchEvent, String, Object> view) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isPresent()) {
            BranchEvent e = EventPages.liveEvent(events, req);
            pages.render(
                    res,
                    Status.OK_200,
                    viewer,
                    template,
                    view.apply(e, viewer.get().csrf()));
        }
    }

    private void cancel(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = EventPages.liveEvent(events, req);
        String reason = Forms.field(posted.get().form(), "reason");
        try {
            events.cancel(posted.get().viewer().acting(), e.id(), reason);
        } catch (RequestRefused.Invalid invalid) {
            pages.render(
                    res,
                    Status.UNPROCESSABLE_CONTENT_422,
                    posted.get().viewerOptional(),
                    "events/cancel",
                    cancelView(e, posted.get().viewer().csrf(), reason, invalid.getMessage()));
            return;
        }
        Pages.redirect(res, "/events/" + e.id().value() + "?notice=Cancelled.+Followers+on+other+servers+are+told.");
    }

    private static EventCancelView cancelView(BranchEvent e, String csrf, String reason, String error) {
        return new EventCancelView(
                "Cancel " + e.name(), csrf, e.id().value(), e.name(), EventPages.when(e), reason, error);
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        viewer.ifPresent(v -> form(
                res,
                Status.OK_200,
                viewer,
                EventFormView.creating(
                        FormView.of(
                                "New event",
                                v.csrf(),
                                Map.of("timezone", pages.dates().zone().getId()),
                                List.of()),
                        campaignChoices(v.acting(), "", null))));
    }

    private void create(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Parameters f = posted.get().form();
        Acting who = posted.get().viewer().acting();
        Function<FormView, EventFormView> as =
                v -> EventFormView.creating(v, campaignChoices(who, Forms.field(f, "campaign"), null));
        Optional<FieldError> unoffered = unofferedCampaign(who, f, null);
        if (unoffered.isPresent()) {
            refuse(res, posted.get(), "New event", typed(f), List.of(unoffered.get()), as);
            return;
        }
        Optional<FieldError> past = unconfirmedPast(input(f), f);
        if (past.isPresent()) {
            refuse(res, posted.get(), "New event", askingPast(f), List.of(past.get()), as);
            return;
        }
        sessions.once(posted.get(), req, res, () -> {
            EventService.Result result = events.create(who, input(f));
            if (result.event() != null) {
                return Optional.of("/events/" + result.event().id().value() + "?notice=Published.");
            }
            refuse(res, posted.get(), "New event", typed(f), result.errors(), as);
            return Optional.empty();
        });
    }

    /** The event's form, filled in with what it says now, times in its own zone. */
    private void editForm(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        BranchEvent e = EventPages.liveEvent(events, req);
        Map<String, String> values = new HashMap<>();
        values.put("name", e.name());
        values.put("content", e.markdown() == null ? "" : e.markdown());
        values.put("startTime", LOCAL.format(e.start().atZone(e.zone())));
        values.put("endTime", LOCAL.format(e.end().atZone(e.zone())));
        values.put("timezone", e.zone().getId());
        values.put(
                "placeName",
                e.place() == null || e.place().name() == null ? "" : e.place().name());
        values.put(
                "placeAddress",
                e.place() == null || e.place().address() == null
                        ? ""
                        : e.place().address());
        values.put("onlineUrl", e.onlineUrl() == null ? "" : e.onlineUrl().toString());
        values.put("capacity", e.capacity() == null ? "" : e.capacity().toString());
        values.put("category_" + e.category().code(), "selected");
        if (e.joinMode() == JoinMode.RESTRICTED) {
            values.put("restricted", "checked");
        }
        String campaign = e.campaign() == null ? "" : e.campaign().toString();
        form(
                res,
                Status.OK_200,
                viewer,
                EventFormView.editing(
                        FormView.of("Edit " + e.name(), viewer.get().csrf(), values, List.of()),
                        e.id().value(),
                        campaignChoices(viewer.get().acting(), campaign, e.campaign())));
    }

    /** Saves the changes; followers get an {@code Update}. What was typed stays on the form when it is refused. */
    private void edit(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = EventPages.liveEvent(events, req);
        Parameters f = posted.get().form();
        Acting who = posted.get().viewer().acting();
        Function<FormView, EventFormView> as = v -> EventFormView.editing(
                v, e.id().value(), campaignChoices(who, Forms.field(f, "campaign"), e.campaign()));
        Optional<FieldError> unoffered = unofferedCampaign(who, f, e.campaign());
        if (unoffered.isPresent()) {
            refuse(res, posted.get(), "Edit " + e.name(), typed(f), List.of(unoffered.get()), as);
            return;
        }
        Optional<FieldError> past =
                e.start().isBefore(clock.instant()) ? Optional.empty() : unconfirmedPast(input(f), f);
        if (past.isPresent()) {
            refuse(res, posted.get(), "Edit " + e.name(), askingPast(f), List.of(past.get()), as);
            return;
        }
        EventService.Result result =
                events.edit(who, e.id(), input(f)).orElseThrow(() -> new NotFoundException("No such event."));
        if (result.event() != null) {
            Pages.redirect(res, "/events/" + e.id().value() + "?notice=Saved:+followers+get+the+change.");
            return;
        }
        refuse(res, posted.get(), "Edit " + e.name(), typed(f), result.errors(), as);
    }

    private void delete(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        BranchEvent e = EventPages.liveEvent(events, req);
        events.delete(posted.get().viewer().acting(), e.id());
        pages.message(
                res,
                Status.OK_200,
                posted.get().viewerOptional(),
                "Event deleted",
                "\u201c" + e.name()
                        + "\u201d is deleted: its page is gone and followers on other servers are told so.");
    }

    private static EventInput input(Parameters f) {
        return new EventInput(
                Forms.field(f, "name"),
                Forms.field(f, "content"),
                Forms.field(f, "startTime"),
                Forms.field(f, "endTime"),
                Forms.field(f, "timezone"),
                Forms.field(f, "placeName"),
                Forms.field(f, "placeAddress"),
                null,
                null,
                Forms.field(f, "onlineUrl"),
                Forms.field(f, "capacity"),
                f.first("joinMode").isPresent() ? "restricted" : "free",
                Forms.field(f, "category"),
                Forms.field(f, "campaign"));
    }

    /**
     * The campaigns offered: those the branch adopted, with the one chosen marked. The campaign
     * the event already belongs to ({@code kept}, or null) stays offered after the branch withdrew
     * from it, so that saving other changes does not unlink it.
     */
    private List<Choice> campaignChoices(Acting who, String chosen, URI kept) {
        List<Choice> out = new ArrayList<>();
        for (AdoptionService.Linkable k : adoptions.linkable(who)) {
            out.add(new Choice(k.id().toString(), k.name(), k.id().toString().equals(chosen)));
        }
        if (kept != null && out.stream().noneMatch(c -> c.value().equals(kept.toString()))) {
            out.add(new Choice(
                    kept.toString(),
                    kept + " (no longer adopted)",
                    kept.toString().equals(chosen)));
        }
        return out;
    }

    /** A hand-made form could name any campaign: only those offered, or the one the event has, are taken. */
    private Optional<FieldError> unofferedCampaign(Acting who, Parameters f, URI current) {
        String chosen = Forms.field(f, "campaign").strip();
        if (chosen.isEmpty()
                || (current != null && current.toString().equals(chosen))
                || adoptions.linkable(who).stream()
                        .anyMatch(k -> k.id().toString().equals(chosen))) {
            return Optional.empty();
        }
        return Optional.of(new FieldError("campaign", "Campaign: choose one the branch adopted, or none."));
    }

    /**
     * A start in the past is a mistake more often than not (a wrong year, AM for PM): publishing one
     * needs the box ticked. An event that already started may be edited without it.
     */
    private Optional<FieldError> unconfirmedPast(EventInput input, Parameters f) {
        EventInput.EventDraft d = input.check().draft();
        if (d == null
                || !d.start().isBefore(clock.instant())
                || f.first("confirmPast").isPresent()) {
            return Optional.empty();
        }
        return Optional.of(new FieldError(
                "startTime",
                "Starts: that is in the past. Check the date, or tick the box below to publish it anyway."));
    }

    private static Map<String, String> askingPast(Parameters f) {
        Map<String, String> values = typed(f);
        values.put("askPast", "yes");
        return values;
    }

    /** What was typed, to show again with the errors: nothing is lost. */
    private static Map<String, String> typed(Parameters f) {
        Map<String, String> values = new HashMap<>();
        for (String name : List.of(
                "name",
                "content",
                "startTime",
                "endTime",
                "timezone",
                "placeName",
                "placeAddress",
                "onlineUrl",
                "capacity")) {
            values.put(name, Forms.field(f, name));
        }
        values.put("category_" + Forms.field(f, "category"), "selected");
        if (f.first("joinMode").isPresent()) {
            values.put("restricted", "checked");
        }
        return values;
    }
}
