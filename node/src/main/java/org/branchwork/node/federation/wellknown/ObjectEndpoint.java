package org.branchwork.node.federation.wellknown;

import java.util.Optional;
import java.util.function.Function;

import io.helidon.http.NotFoundException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import org.branchwork.node.domain.AnnouncementId;
import org.branchwork.node.domain.CampaignId;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.federation.local.ActivityJson;
import org.branchwork.node.federation.local.LocalActors;
import org.branchwork.node.federation.local.LocalObjectSigner;
import org.branchwork.node.federation.mapping.AnnouncementMapper;
import org.branchwork.node.federation.mapping.CampaignMapper;
import org.branchwork.node.federation.mapping.ConsultationMapper;
import org.branchwork.node.federation.mapping.EventMapper;
import org.branchwork.node.federation.mapping.EventPollMapper;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.node.service.CampaignService;
import org.branchwork.node.service.ConsultationNetwork;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.PollRsvps;
import org.branchwork.protocol.jsonld.ActivityCodec;

/**
 * The branch's objects at their IRIs, for peers that fetch what they were sent (and check it came
 * from here): {@code /announcements/{id}}, {@code /events/{id}} (and its RSVP poll at
 * {@code /events/{id}/poll}) and the {@code /activity} that created each, with the same proofs as delivered. A deleted object answers 410 with its
 * {@code Tombstone}. Browsers asking for HTML pass on to the pages.
 */
public final class ObjectEndpoint implements HttpService {

    private final AnnouncementService announcements;
    private final AnnouncementMapper announcementMapper;
    private final EventService events;
    private final EventMapper eventMapper;
    private final LocalObjectSigner signer;
    private final CampaignService campaigns;
    private final CampaignMapper campaignMapper;
    private final LocalActors actors;
    private final ActivityCodec codec;
    private final ConsultationNetwork consultations;
    private final ConsultationMapper consultationMapper;
    private final EventPollMapper pollMapper;
    private final PollRsvps polls;
    private final java.time.Clock clock;

    public ObjectEndpoint(
            AnnouncementService announcements,
            AnnouncementMapper announcementMapper,
            EventService events,
            EventMapper eventMapper,
            CampaignService campaigns,
            CampaignMapper campaignMapper,
            LocalObjectSigner signer,
            LocalActors actors,
            ActivityCodec codec,
            ConsultationNetwork consultations,
            ConsultationMapper consultationMapper,
            EventPollMapper pollMapper,
            PollRsvps polls,
            java.time.Clock clock) {
        this.pollMapper = pollMapper;
        this.polls = polls;
        this.clock = clock;
        this.consultations = consultations;
        this.consultationMapper = consultationMapper;
        this.campaigns = campaigns;
        this.campaignMapper = campaignMapper;
        this.announcements = announcements;
        this.announcementMapper = announcementMapper;
        this.events = events;
        this.eventMapper = eventMapper;
        this.signer = signer;
        this.actors = actors;
        this.codec = codec;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/announcements/{id}", (req, res) -> announcement(req, res, false))
                .get("/announcements/{id}/activity", (req, res) -> announcement(req, res, true))
                .get("/events/{id}", (req, res) -> event(req, res, false))
                .get("/events/{id}/activity", (req, res) -> event(req, res, true))
                .get("/events/{id}/poll", (req, res) -> poll(req, res, false))
                .get("/events/{id}/poll/activity", (req, res) -> poll(req, res, true))
                .get("/campaigns/{id}", (req, res) -> campaign(req, res, false))
                .get("/campaigns/{id}/activity", (req, res) -> campaign(req, res, true))
                .get("/consultations/{id}", (req, res) -> consultation(req, res, false))
                .get("/consultations/{id}/activity", (req, res) -> consultation(req, res, true))
                .get("/consultations/{id}/tallies.json", this::tallies);
    }

    /** One of our consultations as its {@code Question}: with {@code closed} and the totals once closed. */
    private void consultation(ServerRequest req, ServerResponse res, boolean activity) {
        serve(req, res, ConsultationId::parse, consultations::ours, "consultation", k -> {
            if (activity) {
                return ok(signer.activity(consultationMapper.create(k, slug())));
            }
            if (k.certificate() == null) {
                return ok(signer.object(consultationMapper.question(k, null, null, null, slug())));
            }
            ConsultationNetwork.Results r = consultations.results(k.id());
            return ok(signer.object(consultationMapper.question(
                    k, r.totals(), r.ballots(), k.certificate().certifiedAt(), slug())));
        });
    }

    /**
     * The signed tallies of one of our consultations, public, for anyone to re-count
     * (docs/FEDERATION.md, "Re-counting"): the consultation's terms and each branch's latest
     * {@code bw:Tally} exactly as it arrived, with its proof. Empty while a binding one is open.
     */
    private void tallies(ServerRequest req, ServerResponse res) {
        org.branchwork.node.domain.Consultation k =
                found(req, ConsultationId::parse, consultations::ours, "consultation");
        com.fasterxml.jackson.databind.node.ObjectNode doc =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        java.net.URI question =
                consultationMapper.question(k, null, null, null, slug()).id().orElseThrow();
        doc.put("consultation", question.toString());
        doc.put("method", k.method().code());
        if (k.method() instanceof org.branchwork.node.domain.VotingMethod.Approval a) {
            doc.put("maxChoices", a.maxChoices());
        }
        if (k.method() instanceof org.branchwork.node.domain.VotingMethod.Ranked r) {
            doc.put("seats", r.seats());
        }
        k.options().forEach(doc.putArray("options")::add);
        doc.put("closed", k.certificate() != null);
        var list = doc.putArray("tallies");
        // This node's own members count as one branch, signed like the others.
        consultations
                .ownTally(k.id())
                .ifPresent(t -> list.add(signer.sign(consultationMapper
                        .tallyTerms(k.id(), question, k.options(), t, slug())
                        .json())));
        for (String signed : consultations.signedTallies(k.id())) {
            try {
                list.add(codec.parse(signed.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException("a kept tally is not JSON", e);
            }
        }
        res.headers().contentType(io.helidon.http.HttpMediaType.create("application/json"));
        res.headers().set(io.helidon.http.HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        res.send(codec.write(doc));
    }

    private void campaign(ServerRequest req, ServerResponse res, boolean activity) {
        serve(
                req,
                res,
                CampaignId::parse,
                campaigns::standing,
                "campaign",
                k -> ok(
                        activity
                                ? signer.activity(campaignMapper.create(k.campaign(), slug()))
                                : signer.object(campaignMapper.object(k.campaign(), k, slug()))));
    }

    private void announcement(ServerRequest req, ServerResponse res, boolean activity) {
        serve(
                req,
                res,
                AnnouncementId::parse,
                announcements::find,
                "announcement",
                a -> a.isDeleted()
                        ? gone(announcementMapper.object(a, slug()))
                        : ok(
                                activity
                                        ? signer.activity(announcementMapper.create(a, slug()))
                                        : signer.object(announcementMapper.object(a, slug()))));
    }

    private void event(ServerRequest req, ServerResponse res, boolean activity) {
        serve(req, res, EventId::parse, events::find, "event", e -> {
            if (e.isDeleted()) {
                return gone(eventMapper.object(e, null, slug()));
            }
            var counts = events.counts(e);
            return ok(
                    activity
                            ? signer.activity(eventMapper.create(e, counts, slug()))
                            : signer.object(eventMapper.object(e, counts, slug())));
        });
    }

    /** An event's RSVP poll, with its counts as of now; 410 with its {@code Tombstone} once the event is deleted. */
    private void poll(ServerRequest req, ServerResponse res, boolean activity) {
        serve(req, res, EventId::parse, events::find, "event", e -> {
            if (e.isDeleted()) {
                return gone(pollMapper.question(e, null, 0, slug(), clock.instant()));
            }
            var counts = events.counts(e);
            return ok(
                    activity
                            ? signer.activity(pollMapper.create(e, counts, slug()))
                            : signer.object(
                                    pollMapper.question(e, counts, polls.notGoing(e.id()), slug(), clock.instant())));
        });
    }

    /** A document to send and its status. */
    private record Served(Status status, String json) {}

    private Served ok(com.fasterxml.jackson.databind.node.ObjectNode json) {
        return new Served(Status.OK_200, codec.write(json));
    }

    private Served gone(org.branchwork.protocol.vocab.AsObject tombstone) {
        return new Served(Status.GONE_410, codec.write(tombstone));
    }

    /** JSON for ActivityPub clients (browsers pass on to the pages), 404 for an unknown id. */
    private <I, T> void serve(
            ServerRequest req,
            ServerResponse res,
            Function<String, I> parse,
            Function<I, Optional<T>> find,
            String what,
            Function<T, Served> render) {
        if (!ActivityJson.wanted(req)) {
            res.next();
            return;
        }
        Served served = render.apply(found(req, parse, find, what));
        ActivityJson.send(res, served.status(), served.json());
    }

    private static <I, T> T found(
            ServerRequest req, Function<String, I> parse, Function<I, Optional<T>> find, String what) {
        try {
            return find.apply(parse.apply(req.path().pathParameters().get("id")))
                    .orElseThrow(() -> new NotFoundException("No such " + what + "."));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("No such " + what + ".");
        }
    }

    private String slug() {
        return actors.branch()
                .orElseThrow(() -> new NotFoundException("No branch."))
                .branch()
                .slug();
    }
}
