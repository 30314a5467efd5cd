package org.branchwork.node.web.pages;

import java.net.URI;
import java.util.ArrayList;
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

import org.branchwork.node.domain.BranchRelay;
import org.branchwork.node.domain.Broadcast;
import org.branchwork.node.domain.BroadcastId;
import org.branchwork.node.domain.Campaign;
import org.branchwork.node.domain.ReceivedBroadcast;
import org.branchwork.node.domain.RelayState;
import org.branchwork.node.domain.Role;
import org.branchwork.node.service.BroadcastService;
import org.branchwork.node.service.CampaignService;
import org.branchwork.node.service.FieldError;
import org.branchwork.node.service.RelayService;
import org.branchwork.node.web.Csrf;
import org.branchwork.node.web.Forms;
import org.branchwork.node.web.Pages;
import org.branchwork.node.web.Sessions;
import org.branchwork.node.web.Viewer;
import org.branchwork.node.web.view.BroadcastFormView;
import org.branchwork.node.web.view.BroadcastView;
import org.branchwork.node.web.view.BroadcastsView;
import org.branchwork.node.web.view.Choice;
import org.branchwork.node.web.view.FormView;
import org.branchwork.node.web.view.LiveFigures;
import org.branchwork.node.web.view.ReceivedBroadcastView;

/**
 * National broadcasts for organisers, on every node: {@code /organise/broadcasts} lists those
 * received from the nodes the branch follows (each approved with an intro, or declined, on its own
 * page) and those this node sent (each page shows the branches' totals and status); a broadcast
 * is written at {@code /organise/broadcasts/new}; admins choose whose broadcasts are approved as
 * they arrive.
 */
public final class BroadcastPages implements HttpService {

    private static final String LIST = "/organise/broadcasts";

    private final BroadcastService broadcasts;
    private final RelayService relay;
    private final CampaignService campaigns;
    private final Sessions sessions;
    private final Csrf csrf;
    private final Pages pages;

    public BroadcastPages(
            BroadcastService broadcasts,
            RelayService relay,
            CampaignService campaigns,
            Sessions sessions,
            Csrf csrf,
            Pages pages) {
        this.broadcasts = broadcasts;
        this.relay = relay;
        this.campaigns = campaigns;
        this.sessions = sessions;
        this.csrf = csrf;
        this.pages = pages;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/broadcasts", this::list)
                .get("/broadcasts/new", this::newForm)
                .post("/broadcasts", this::publish)
                .post("/broadcasts/auto-approve", this::autoApprove)
                .get("/broadcasts/{id}", this::show)
                .post("/broadcasts/{id}/approve", this::approve)
                .post("/broadcasts/{id}/decline", this::decline);
    }

    private void list(ServerRequest req, ServerResponse res) {
        sessions.require(req, res, Role.ORGANISER, pages)
                .ifPresent(v -> renderList(res, Status.OK_200, v, notice(req), null));
    }

    private static String notice(ServerRequest req) {
        return switch (req.query().first("notice").orElse("")) {
            case "auto" -> "Saved: whose broadcasts are approved as they arrive.";
            default -> null;
        };
    }

    private void renderList(ServerResponse res, Status status, Viewer v, String notice, String error) {
        List<BroadcastsView.Received> received = new ArrayList<>();
        for (RelayService.Item i : relay.list(v.acting(), 100)) {
            ReceivedBroadcast b = i.broadcast();
            received.add(new BroadcastsView.Received(
                    b.id(),
                    b.subject(),
                    sender(b),
                    stateWords(i.state()),
                    pages.dates().shown(b.receivedAt()),
                    i.mailing() == null
                            ? ""
                            : i.progress().sent() + " sent of " + i.mailing().recipients()
                                    + (i.progress().failed() > 0
                                            ? ", " + i.progress().failed() + " failed"
                                            : "")
                                    + (i.progress().unsubscribed() > 0
                                            ? ", " + i.progress().unsubscribed() + " unsubscribed"
                                            : "")));
        }
        List<BroadcastsView.Sent> sent = new ArrayList<>();
        for (Broadcast b : broadcasts.recent(v.acting(), 100)) {
            sent.add(new BroadcastsView.Sent(
                    b.id().value(), b.subject(), pages.dates().shown(b.published())));
        }
        List<URI> auto = relay.autoApproved(v.acting());
        List<Choice> senders = relay.senders(v.acting()).stream()
                .filter(s -> !auto.contains(s))
                .map(s -> new Choice(s.toString(), s.toString(), false))
                .toList();
        pages.render(
                res,
                status,
                Optional.of(v),
                "organise/broadcasts",
                new BroadcastsView(
                        "Broadcasts",
                        v.csrf(),
                        received,
                        sent,
                        senders,
                        auto.stream().map(URI::toString).toList(),
                        v.can(Role.ADMIN),
                        notice,
                        error));
    }

    private void newForm(ServerRequest req, ServerResponse res) {
        sessions.require(req, res, Role.ORGANISER, pages)
                .ifPresent(v -> renderForm(res, Status.OK_200, v, Map.of(), List.of()));
    }

    private void renderForm(
            ServerResponse res, Status status, Viewer v, Map<String, String> values, List<FieldError> errors) {
        String chosen = values.getOrDefault("segment", "");
        List<Choice> segments = new ArrayList<>();
        segments.add(new Choice("", "Every branch that follows this node", chosen.isEmpty()));
        for (Campaign k : campaigns.all()) {
            segments.add(new Choice(
                    k.id().value(),
                    "Branches that adopted " + k.title(),
                    k.id().value().equals(chosen)));
        }
        pages.render(
                res,
                status,
                Optional.of(v),
                "organise/broadcast-form",
                new BroadcastFormView(
                        "Write a broadcast", FormView.of("Write a broadcast", v.csrf(), values, errors), segments));
    }

    private void publish(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Parameters f = posted.get().form();
        sessions.once(posted.get(), req, res, () -> {
            BroadcastService.Result result = broadcasts.publish(
                    posted.get().viewer().acting(),
                    new BroadcastService.Input(
                            Forms.field(f, "subject"), Forms.field(f, "content"), Forms.field(f, "segment")));
            if (result.broadcast() != null) {
                return Optional.of(LIST + "/" + result.broadcast().id().value() + "?notice=sent");
            }
            Map<String, String> values = new HashMap<>();
            for (String name : List.of("subject", "content", "segment")) {
                values.put(name, Forms.field(f, name));
            }
            renderForm(res, Status.UNPROCESSABLE_CONTENT_422, posted.get().viewer(), values, result.errors());
            return Optional.empty();
        });
    }

    private void show(ServerRequest req, ServerResponse res) {
        Optional<Viewer> viewer = sessions.require(req, res, Role.ORGANISER, pages);
        if (viewer.isEmpty()) {
            return;
        }
        String id = req.path().pathParameters().get("id");
        Optional<Long> number = number(id);
        if (number.isPresent()) {
            String notice = switch (req.query().first("notice").orElse("")) {
                case "approved" -> "Approved: it is going out to the members who agreed to national's messages.";
                case "declined" -> "Declined: nobody is mailed, and the sender has been told.";
                default -> null;
            };
            renderReceived(
                    res,
                    Status.OK_200,
                    viewer.get(),
                    received(viewer.get(), number.get()),
                    notice,
                    null,
                    "",
                    "1".equals(req.query().first("follow").orElse("")));
            return;
        }
        BroadcastService.Standing s;
        try {
            s = broadcasts
                    .standing(viewer.get().acting(), BroadcastId.parse(id))
                    .orElseThrow(() -> new NotFoundException("No such broadcast."));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such broadcast.");
        }
        List<BroadcastView.Branch> branches = new ArrayList<>();
        for (BranchRelay r : s.answered()) {
            branches.add(new BroadcastView.Branch(
                    r.branch().toString(),
                    org.branchwork.node.web.ActorNames.of(r.branch()),
                    stateWords(r.state()),
                    r.counts().sent(),
                    r.counts().failed(),
                    r.counts().unsubscribed(),
                    r.reportedAt() == null ? "" : pages.dates().shown(r.reportedAt())));
        }
        Broadcast b = s.broadcast();
        pages.render(
                res,
                Status.OK_200,
                viewer,
                "organise/broadcast",
                new BroadcastView(
                        b.subject(),
                        b.subject(),
                        pages.dates().shown(b.published()),
                        b.segment() == null
                                ? null
                                : campaigns
                                        .find(b.segment())
                                        .map(Campaign::title)
                                        .orElse(b.segment().value()),
                        b.content(),
                        s.totals().sent(),
                        s.totals().failed(),
                        s.totals().unsubscribed(),
                        branches,
                        s.unanswered(),
                        "sent".equals(req.query().first("notice").orElse(""))
                                ? "Sent to every follower. Branches answer as their organisers decide."
                                : null));
    }

    private void renderReceived(
            ServerResponse res,
            Status status,
            Viewer v,
            RelayService.Item i,
            String notice,
            String error,
            String intro,
            boolean follow) {
        ReceivedBroadcast b = i.broadcast();
        pages.render(
                res,
                status,
                Optional.of(v),
                "organise/received-broadcast",
                new ReceivedBroadcastView(
                        b.subject(),
                        v.csrf(),
                        b.id(),
                        b.subject(),
                        sender(b),
                        b.segment() == null ? null : b.segment().toString(),
                        stateWords(i.state()),
                        b.safeHtml(),
                        b.decision() == ReceivedBroadcast.Decision.RECEIVED,
                        i.mailing() != null,
                        i.mailing() == null ? 0 : i.mailing().recipients(),
                        i.progress().queued(),
                        i.progress().sent(),
                        i.progress().failed(),
                        i.progress().unsubscribed(),
                        LiveFigures.of(
                                i.state() == RelayState.APPROVED || i.state() == RelayState.SENDING,
                                follow,
                                "/organise/broadcasts/" + b.id()),
                        b.intro() != null ? b.intro() : intro,
                        notice,
                        error));
    }

    private void approve(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Viewer v = posted.get().viewer();
        RelayService.Item item = received(v, id(req));
        String intro = Forms.field(posted.get().form(), "intro");
        switch (relay.approve(v.acting(), item.broadcast().id(), intro)) {
            case RelayService.Decided.Refused r ->
                renderReceived(res, Status.CONFLICT_409, v, item, null, r.reason(), intro, false);
            default -> Pages.redirect(res, LIST + "/" + item.broadcast().id() + "?notice=approved");
        }
    }

    private void decline(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ORGANISER, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Viewer v = posted.get().viewer();
        RelayService.Item item = received(v, id(req));
        relay.decline(v.acting(), item.broadcast().id());
        Pages.redirect(res, LIST + "/" + item.broadcast().id() + "?notice=declined");
    }

    private void autoApprove(ServerRequest req, ServerResponse res) {
        Optional<Sessions.Posted> posted = sessions.requireForm(req, res, Role.ADMIN, pages, csrf);
        if (posted.isEmpty()) {
            return;
        }
        Viewer v = posted.get().viewer();
        String sender = Forms.field(posted.get().form(), "sender").strip();
        boolean on = !"remove".equals(Forms.field(posted.get().form(), "action"));
        Optional<String> refused;
        try {
            refused = sender.isEmpty()
                    ? Optional.of("Choose a node.")
                    : relay.setAutoApprove(v.acting(), URI.create(sender), on);
        } catch (IllegalArgumentException e) {
            refused = Optional.of("Choose one of the nodes this branch follows.");
        }
        if (refused.isPresent()) {
            renderList(res, Status.UNPROCESSABLE_CONTENT_422, v, null, refused.get());
        } else {
            Pages.redirect(res, LIST + "?notice=auto");
        }
    }

    private RelayService.Item received(Viewer v, long id) {
        return relay.find(v.acting(), id).orElseThrow(() -> new NotFoundException("No such broadcast."));
    }

    private static long id(ServerRequest req) {
        return number(req.path().pathParameters().get("id"))
                .orElseThrow(() -> new NotFoundException("No such broadcast."));
    }

    private static Optional<Long> number(String text) {
        try {
            long n = Long.parseLong(text);
            return n > 0 ? Optional.of(n) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String sender(ReceivedBroadcast b) {
        return b.senderName() == null ? b.sender().toString() : b.senderName() + " (" + b.sender() + ")";
    }

    static String stateWords(RelayState s) {
        return switch (s) {
            case DELIVERED -> "Delivered, no answer yet";
            case RECEIVED -> "Waiting for the organisers";
            case APPROVED -> "Approved";
            case DECLINED -> "Declined";
            case SENDING -> "Going out";
            case SENT -> "Sent";
        };
    }
}
