package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.VotingMethod;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Extensions;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Question;
import org.branchwork.protocol.vocab.Ref;

/**
 * A consultation on the wire: a {@code Question} as Mastodon reads a poll ({@code oneOf} for single
 * choice and ranked, {@code anyOf} for approval, each option a {@code Note} with a {@code name};
 * {@code endTime}; {@code closed} once closed; the text in {@code content}, which is what Mastodon
 * shows of a {@code Question}), with our terms for what a poll cannot say ({@code bw:method},
 * {@code bw:maxChoices}, {@code bw:seats}, {@code bw:kind}, {@code bw:opensAt},
 * {@code bw:electorateCutoff}, {@code bw:quorum}). A branch takes part with a {@code Join} of the
 * {@code Question} and reports with an {@code Add} of a {@code bw:Tally} ({@link TallyTerms}).
 */
public final class ConsultationMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final LocalUris uris;
    private final java.util.function.UnaryOperator<String> markdownToHtml;

    /** @param markdownToHtml renders (and sanitises) the consultation's Markdown, as the pages do */
    public ConsultationMapper(LocalUris uris, java.util.function.UnaryOperator<String> markdownToHtml) {
        this.uris = uris;
        this.markdownToHtml = markdownToHtml;
    }

    /**
     * The {@code Question}; {@code votes} (per option, member ballots: first preferences for
     * ranked) and {@code voters} only once closed, or null.
     */
    public Question question(Consultation k, List<Long> votes, Long voters, Instant closed, String branchSlug) {
        URI id = uris.consultation(k.id());
        ObjectNode ext = NODES.objectNode();
        ext.put("bw:method", k.method().code());
        if (k.method() instanceof VotingMethod.Approval a) {
            ext.put("bw:maxChoices", a.maxChoices());
        }
        if (k.method() instanceof VotingMethod.Ranked r) {
            ext.put("bw:seats", r.seats());
        }
        ext.put("bw:kind", k.kind().code());
        ext.put("bw:opensAt", k.opensAt().toString());
        ext.put("bw:electorateCutoff", k.electorateCutoff().toString());
        if (k.quorum() != null) {
            ext.put("bw:quorum", k.quorum());
        }
        ext.putObject("source").put("content", k.markdown()).put("mediaType", "text/markdown");
        List<Question.Choice> choices = new ArrayList<>();
        for (int i = 0; i < k.options().size(); i++) {
            choices.add(new Question.Choice(k.options().get(i), votes == null ? null : votes.get(i)));
        }
        boolean any = k.method() instanceof VotingMethod.Approval;
        // Mastodon shows a Question's content, not its name: the title goes first in the content.
        String html = "<p><strong>" + escape(k.title()) + "</strong></p>" + markdownToHtml.apply(k.markdown());
        ObjectCore core = ObjectCore.of(id, "Question")
                .withExtensions(Extensions.of(ext))
                .withName(k.title())
                .withContent(html, "text/html")
                .withTimes(k.createdAt(), closed)
                .withAttribution(
                        uris.branchActor(branchSlug), Audience.publicWithFollowers(uris.branchFollowers(branchSlug)))
                .withLinks(List.of(Ref.to(id)), List.of(), List.of(), null);
        return new Question(
                core,
                any ? List.of() : choices,
                any ? choices : List.of(),
                k.closesAt(),
                closed,
                voters == null ? null : Math.toIntExact(voters));
    }

    /** The activity that published it, to Public and the node's followers. */
    public Activity create(Consultation k, String branchSlug) {
        return Activities.wrap(
                uris.consultationCreate(k.id()),
                ActivityType.CREATE,
                k.createdAt(),
                branchSlug,
                uris,
                Ref.to(question(k, null, null, null, branchSlug)));
    }

    /** The close: the {@code Question} with {@code closed} and the members' totals. */
    public Activity closed(Consultation k, List<Long> votes, long voters, Instant at, String branchSlug) {
        return Activities.wrap(
                uris.newActivity(),
                ActivityType.UPDATE,
                at,
                branchSlug,
                uris,
                Ref.to(question(k, votes, voters, at, branchSlug)));
    }

    /** A branch takes part in another node's consultation: {@code Join} of its {@code Question}, to the owner. */
    public Activity join(URI question, URI owner, URI id, String branchSlug, Instant when) {
        URI self = uris.branchActor(branchSlug);
        return Activity.of(
                ObjectCore.of(id, "Join").withTimes(when, null).withAttribution(self, Audience.to(owner)),
                ActivityType.JOIN,
                Ref.to(self),
                Ref.to(question));
    }

    /** A branch's tally to the owner: {@code Add} to the {@code Question}; the object is written by {@link TallyTerms}. */
    /** A tally's terms, to be signed by the branch: its id under the consultation as this node knows it. */
    public TallyTerms tallyTerms(
            org.branchwork.node.domain.ConsultationId local,
            URI question,
            List<String> options,
            org.branchwork.node.domain.BranchTally t,
            String branchSlug) {
        return TallyTerms.of(
                uris.consultationTally(local, t.sequence()), uris.branchActor(branchSlug), question, options, t);
    }

    public Activity tally(URI question, URI owner, URI id, String branchSlug, Instant when) {
        URI self = uris.branchActor(branchSlug);
        return Activity.toTarget(
                ObjectCore.of(id, "Add").withTimes(when, null).withAttribution(self, Audience.to(owner)),
                ActivityType.ADD,
                Ref.to(self),
                Ref.to(question));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
