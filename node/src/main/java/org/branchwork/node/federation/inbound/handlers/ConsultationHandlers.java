package org.branchwork.node.federation.inbound.handlers;

import java.net.URI;
import java.util.Optional;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.federation.inbound.Inbound;
import org.branchwork.node.federation.inbound.Outcome;
import org.branchwork.node.federation.inbound.OwnerProof;
import org.branchwork.node.federation.mapping.EmbeddedCopy;
import org.branchwork.node.federation.mapping.EventPollMapper;
import org.branchwork.node.federation.mapping.QuestionTerms;
import org.branchwork.node.federation.mapping.TallyTerms;
import org.branchwork.node.federation.resolve.ActivityFetcher.FetchException;
import org.branchwork.node.federation.resolve.ActorResolver;
import org.branchwork.node.federation.resolve.RemoteActor;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.ConsultationNetwork;
import org.branchwork.node.service.ConsultationService;
import org.branchwork.node.service.ConsultationTakeUp;
import org.branchwork.node.service.HtmlContent;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Note;
import org.branchwork.protocol.vocab.Origins;
import org.branchwork.protocol.vocab.Question;
import org.branchwork.protocol.vocab.Ref;

/**
 * Consultations over ActivityPub, both ends. A branch takes a {@code Question} only from a node it
 * follows ({@link ContentHandlers} checks the follow and the object's trust first) and closes its
 * copy on the owner's {@code Update} with {@code closed}. The owner takes a follower's {@code Join}
 * of its Question (taking part), an {@code Add} of a {@code bw:Tally} to it from a branch that took
 * part, proved (FEP-8b32) by that branch, and a fediverse vote: a {@code Note} whose {@code name}
 * is an option, replying to the Question (Mastodon's {@code ActivityPub::VoteSerializer}: no
 * content, {@code to} the poll's owner), counted apart.
 */
public final class ConsultationHandlers {

    private final LocalUris uris;
    private final ActorResolver resolver;
    private final OwnerProof proof;
    private final ConsultationTakeUp takeUp;
    private final ConsultationNetwork network;

    public ConsultationHandlers(
            LocalUris uris,
            ActorResolver resolver,
            OwnerProof proof,
            ConsultationTakeUp takeUp,
            ConsultationNetwork network) {
        this.uris = uris;
        this.resolver = resolver;
        this.proof = proof;
        this.takeUp = takeUp;
        this.network = network;
    }

    /** A trusted Question (the actor's own, from a node the branch follows): kept for the organisers. */
    public Outcome received(Question q, URI actor) {
        Optional<URI> id = q.id();
        Optional<URI> author = q.core().attributedTo().stream().findFirst().flatMap(Ref::id);
        if (id.isEmpty() || author.isEmpty() || !author.get().equals(actor) || !Origins.same(id.get(), actor)) {
            return Outcome.refused("a consultation is taken only from its own author, not from " + actor);
        }
        Optional<QuestionTerms> terms = QuestionTerms.read(q);
        if (terms.isEmpty()) {
            return Outcome.refused("a Question has options (oneOf or anyOf), an endTime and well-formed bw: terms");
        }
        RemoteActor owner;
        try {
            owner = resolver.actor(actor);
        } catch (FetchException e) {
            return Outcome.fetchFailed(e, "cannot fetch " + actor + ": ");
        }
        QuestionTerms t = terms.get();
        String markdown = t.markdown() != null ? t.markdown() : HtmlContent.plainText(HtmlContent.sanitise(t.html()));
        String name = owner.name() == null || owner.name().length() > 200 ? null : owner.name();
        return Outcome.of(takeUp.received(new ConsultationTakeUp.Arrived(
                id.get(),
                actor,
                owner.inbox(),
                name,
                t.title(),
                markdown,
                t.options(),
                t.method(),
                t.kind(),
                t.opensAt(),
                t.closesAt(),
                t.electorateCutoff(),
                t.quorum())));
    }

    /** Whether an {@code Update}'s object is a Question (a consultation's close, or an edit). */
    public boolean isQuestionUpdate(Inbound in) {
        return in.activity()
                .object()
                .flatMap(Ref::embedded)
                .filter(o -> o instanceof Question)
                .isPresent();
    }

    public Outcome update(Inbound in) {
        Question q = (Question) in.activity().object().flatMap(Ref::embedded).orElseThrow();
        URI actor = in.actor();
        if (q.id().isEmpty() || !Origins.same(q.id().get(), actor)) {
            return Outcome.refused("an Update of a Question is taken only from its owner");
        }
        if (q.core().extensions().text(EventPollMapper.RSVP_FOR).isPresent()) {
            return Outcome.ignored("an event's RSVP poll is not a consultation");
        }
        if (q.closed() == null) {
            return Outcome.ignored("a Question's Update without closed changes nothing here");
        }
        return Outcome.of(takeUp.closedByOwner(q.id().get(), actor, q.closed()));
    }

    /** A follower takes part in one of our consultations. */
    public Outcome join(Inbound in) {
        Optional<ConsultationId> id = in.activity().object().flatMap(Ref::id).flatMap(this::local);
        if (id.isEmpty()) {
            return Outcome.ignored("Join of nothing of ours");
        }
        return Outcome.of(network.tookPart(id.get(), in.actor()));
    }

    /** Whether an {@code Add} is a tally to one of our consultations. */
    public boolean isTally(Inbound in) {
        return targetOf(in).isPresent() || TallyTerms.isOne(in.object());
    }

    /** A branch's tally on one of our consultations. */
    public Outcome tally(Inbound in) {
        Optional<ConsultationId> id = targetOf(in);
        if (id.isEmpty()) {
            return Outcome.ignored("a tally for a consultation that is not ours");
        }
        EmbeddedCopy copy = in.object();
        Optional<TallyTerms> terms = copy.json().flatMap(TallyTerms::read);
        Optional<AsObject> object = in.activity().object().flatMap(Ref::embedded);
        if (terms.isEmpty() || object.isEmpty()) {
            return Outcome.refused("a tally is an embedded bw:Tally with id, attributedTo, whole bw:electorate,"
                    + " bw:ballots and bw:sequence, bw:counts, bw:receiptsHash and updated");
        }
        Optional<Consultation> k = network.ours(id.get());
        if (k.isEmpty()) {
            return Outcome.ignored("not one of our consultations");
        }
        TallyTerms t = terms.get();
        // The tally must be the sender's own and carry the sender's own proof: a copy of another
        // branch's signed tally, passed on by someone else, proves nothing about the sender.
        boolean proved = t.attributedTo().equals(in.actor())
                && uris.consultationIdOf(t.consultation().toString()).equals(id)
                && proof.proves(object.get(), copy);
        ConsultationNetwork.Tallied read =
                switch (t.toDomain(k.get().options(), ConsultationService.maxMarks(k.get()))) {
                    case TallyTerms.Tallied.Valid v -> new ConsultationNetwork.Tallied.Valid(v.tally());
                    case TallyTerms.Tallied.Invalid i -> new ConsultationNetwork.Tallied.Invalid(i.reason());
                };
        return Outcome.of(network.tallied(
                id.get(), in.actor(), proved, read, copy.json().orElseThrow().toString()));
    }

    /** Whether a {@code Create} is a fediverse vote: a {@code Note} replying to one of our consultations. */
    public boolean isVote(Inbound in) {
        return in.activity()
                .object()
                .flatMap(Ref::embedded)
                .filter(o -> o instanceof Note)
                .map(o -> o.core().inReplyTo())
                .flatMap(Ref::id)
                .flatMap(this::local)
                .isPresent();
    }

    public Outcome vote(Inbound in) {
        AsObject note = in.activity().object().flatMap(Ref::embedded).orElseThrow();
        ConsultationId id = local(note.core().inReplyTo().id().orElseThrow()).orElseThrow();
        URI actor = in.actor();
        Optional<URI> author = note.core().attributedTo().stream().findFirst().flatMap(Ref::id);
        if (author.isPresent() && !author.get().equals(actor)) {
            return Outcome.refused("a vote is counted only from its own author");
        }
        Optional<String> name = note.core().name().best().map(String::strip);
        if (name.isEmpty() || name.get().isEmpty()) {
            return Outcome.ignored("a reply to a consultation without a name is not a vote");
        }
        if (note.core().content().best().filter(s -> !s.isBlank()).isPresent()) {
            // A reply with text is a comment, not Mastodon's vote.
            return Outcome.ignored("a reply with content is not a vote");
        }
        return Outcome.of(network.publicVote(id, actor, name.get()));
    }

    private Optional<ConsultationId> targetOf(Inbound in) {
        Activity a = in.activity();
        return Optional.ofNullable(a.target()).flatMap(Ref::id).flatMap(this::local);
    }

    private Optional<ConsultationId> local(URI iri) {
        return uris.isLocal(iri) ? uris.consultationIdOf(iri.toString()) : Optional.empty();
    }
}
