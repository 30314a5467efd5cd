package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Extensions;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Question;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tombstone;

/**
 * An event's RSVP poll: a {@code Question} beside the {@code Event}, because Mastodon cannot send
 * a {@code Join} (mastodon#12166, #20407) but can vote. {@code oneOf} "Going" / "Not going",
 * {@code endTime} the event's start, {@code inReplyTo} the event (so Mastodon shows it in the
 * event's thread), {@code content} naming the event with a link to it, and {@code bw:rsvpFor} the
 * event (so that a Branchwork peer does not take it for a consultation). "Going" counts the
 * event's accepted participants (members on the web included), "Not going" the actors whose last
 * vote was that; {@code closed} once the event starts or is cancelled.
 */
public final class EventPollMapper {

    /** The options, exactly as voters send them back as a {@code Note}'s {@code name}. */
    public static final String GOING = "Going";

    public static final String NOT_GOING = "Not going";

    /** Our term on the Question for the Event it takes RSVPs for. */
    public static final String RSVP_FOR = "bw:rsvpFor";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);

    private final LocalUris uris;

    public EventPollMapper(LocalUris uris) {
        this.uris = uris;
    }

    /** When the poll closed as of {@code now}: the cancellation, else the event's start once reached, else empty. */
    public static Optional<Instant> closedAt(BranchEvent e, Instant now) {
        if (e.cancelled()) {
            Instant at = e.updated() != null ? e.updated() : now;
            return Optional.of(at.isBefore(e.start()) ? at : e.start());
        }
        return now.isBefore(e.start()) ? Optional.empty() : Optional.of(e.start());
    }

    /** The poll as of {@code now}, with the counts; a {@code Tombstone} once the event is deleted. */
    public AsObject question(BranchEvent e, EventCounts counts, long notGoing, String branchSlug, Instant now) {
        URI id = uris.eventPoll(e.id());
        if (e.isDeleted()) {
            return new Tombstone(ObjectCore.of(id, "Tombstone"), "Question", e.deleted());
        }
        URI event = uris.event(e.id());
        ObjectNode ext = JsonNodeFactory.instance.objectNode();
        ext.put(RSVP_FOR, event.toString());
        Instant closed = closedAt(e, now).orElse(null);
        String html = "<p>Coming to <a href=\"" + escape(event.toString()) + "\">" + escape(e.name()) + "</a>, "
                + escape(WHEN.format(e.start().atZone(e.zone())) + " ("
                        + e.zone().getId() + ")")
                + "? Vote \u201cGoing\u201d to RSVP; the branch answers you.</p>";
        ObjectCore core = ObjectCore.of(id, "Question")
                .withExtensions(Extensions.of(ext))
                .withContent(html, "text/html")
                .withTimes(e.published(), e.updated())
                .withAttribution(
                        uris.branchActor(branchSlug), Audience.publicWithFollowers(uris.branchFollowers(branchSlug)))
                .withLinks(List.of(Ref.to(event)), List.of(), List.of(), null)
                .withInReplyTo(Ref.to(event));
        long going = counts == null ? 0 : counts.participants();
        return new Question(
                core,
                List.of(new Question.Choice(GOING, going), new Question.Choice(NOT_GOING, notGoing)),
                List.of(),
                e.start(),
                closed,
                Math.toIntExact(going + notGoing));
    }

    /** The poll's publication, next to the event's. */
    public Activity create(BranchEvent e, EventCounts counts, String branchSlug) {
        return Activities.wrap(
                uris.eventPollCreate(e.id()),
                ActivityType.CREATE,
                e.published(),
                branchSlug,
                uris,
                Ref.to(question(e, counts, 0, branchSlug, e.published())));
    }

    /** New counts, or {@code closed} (the event started or was cancelled). */
    public Activity update(BranchEvent e, EventCounts counts, long notGoing, String branchSlug, Instant when) {
        return Activities.wrap(
                uris.newActivity(),
                ActivityType.UPDATE,
                when,
                branchSlug,
                uris,
                Ref.to(question(e, counts, notGoing, branchSlug, when)));
    }

    /** The poll goes with its deleted event. */
    public Activity delete(BranchEvent e, String branchSlug) {
        return Activities.wrap(
                uris.newActivity(),
                ActivityType.DELETE,
                e.deleted(),
                branchSlug,
                uris,
                Ref.to(question(e, null, 0, branchSlug, e.deleted())));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
