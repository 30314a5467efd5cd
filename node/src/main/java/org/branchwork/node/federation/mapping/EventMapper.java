package org.branchwork.node.federation.mapping;

import java.net.URI;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventCounts;
import org.branchwork.node.http.LocalUris;
import org.branchwork.protocol.jsonld.Namespaces;
import org.branchwork.protocol.vocab.Activity;
import org.branchwork.protocol.vocab.ActivityType;
import org.branchwork.protocol.vocab.AsObject;
import org.branchwork.protocol.vocab.Audience;
import org.branchwork.protocol.vocab.Event;
import org.branchwork.protocol.vocab.Extensions;
import org.branchwork.protocol.vocab.ObjectCore;
import org.branchwork.protocol.vocab.Place;
import org.branchwork.protocol.vocab.PostalAddress;
import org.branchwork.protocol.vocab.Ref;
import org.branchwork.protocol.vocab.Tag;
import org.branchwork.protocol.vocab.Tombstone;
import org.branchwork.protocol.vocab.UnknownObject;

/**
 * Events on the wire, shaped as Mobilizon sends them (so Mobilizon and Gancio read ours):
 * {@code startTime}/{@code endTime}, {@code timezone}, a {@code Place} with a schema.org
 * {@code PostalAddress}, {@code isOnline}, {@code joinMode}, capacities and counts,
 * {@code ical:status}, a Mobilizon {@code category} and our own as a hashtag, and, for an event
 * with a capacity, our {@code bw:waitlistCount} (how many wait for a place; peers that do not know
 * the term ignore it), once an event is over our {@code bw:attendedCount}, and {@code
 * bw:rsvpPoll}, the {@code Question} through which a Mastodon user RSVPs by voting ({@link
 * EventPollMapper}). Mastodon shows an
 * {@code Event} as a post from {@code name}, {@code content} and {@code url}, so the content
 * carries the date and place in words. The online link is for participants and never published.
 * FEP-8a8e's terms ride alongside ({@code eventStatus}, {@code organizers}, {@code attendees}, a
 * {@code VirtualLocation} for an online-only event), for peers that read the FEP and not Mobilizon.
 */
public final class EventMapper {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    /** Our extension term for the number on an event's waiting list. */
    public static final String WAITLIST_COUNT = "bw:waitlistCount";

    /**
     * Our extension term for how many were checked in at the event: on every copy of an event that
     * has ended and where check-in was used (never before the end, never names).
     */
    public static final String ATTENDED_COUNT = "bw:attendedCount";

    /** FEP-8a8e's status, organizers and attendees (terms in our context: {@code fep8a8e:}). */
    public static final String EVENT_STATUS = "eventStatus";

    public static final String ORGANIZERS = "organizers";

    public static final String ATTENDEES = "attendees";

    /** Our extension term linking an event to its RSVP poll ({@link EventPollMapper}). */
    public static final String RSVP_POLL = "bw:rsvpPoll";

    private final LocalUris uris;
    private final java.time.Clock clock;

    public EventMapper(LocalUris uris, java.time.Clock clock) {
        this.uris = uris;
        this.clock = clock;
    }

    public AsObject object(BranchEvent e, EventCounts counts, String branchSlug) {
        return object(e, counts, branchSlug, e.updated());
    }

    /**
     * The event as of {@code updated}: every {@code Update} carries its own time there, counts
     * changes included, so that a receiver can drop an older copy that arrives after a newer one
     * (deliveries run in parallel).
     */
    public AsObject object(BranchEvent e, EventCounts counts, String branchSlug, java.time.Instant updated) {
        URI id = uris.event(e.id());
        if (e.isDeleted()) {
            return new Tombstone(ObjectCore.of(id, "Tombstone"), "Event", e.deleted());
        }
        URI branch = uris.branchActor(branchSlug);
        List<Tag> tags = new ArrayList<>();
        tags.add(new Tag.Hashtag(
                URI.create(uris.home() + "tags/" + e.category().code()),
                "#" + e.category().code()));
        ObjectCore core = ObjectCore.of(id, "Event")
                .withName(e.name())
                .withContent(content(e), "text/html")
                .withTimes(e.published(), updated)
                .withAttribution(branch, Audience.publicWithFollowers(uris.branchFollowers(branchSlug)))
                .withLinks(List.of(Ref.to(id)), tags, List.of(), e.campaign() == null ? null : Ref.to(e.campaign()));
        ObjectNode ext = JsonNodeFactory.instance.objectNode();
        if (e.capacity() != null) {
            ext.put(WAITLIST_COUNT, counts.waiting());
        }
        if (counts.attended() > 0 && !e.end().isAfter(clock.instant())) {
            ext.put(ATTENDED_COUNT, counts.attended());
        }
        ext.put(RSVP_POLL, uris.eventPoll(e.id()).toString());
        fep8a8e(ext, e, counts, branch);
        core = core.withExtensions(Extensions.of(ext));
        Ref location = null;
        if (e.place() == null && e.isOnline()) {
            // FEP-8a8e's VirtualLocation, for an online-only event (which had no location before, so
            // Mobilizon's reading of a Place is untouched). Its url is the event's page, where
            // accepted participants find the link: the link itself is never published.
            location = Ref.to(new UnknownObject(ObjectCore.of(null, "VirtualLocation")
                    .withName("Online: the link is shown to participants")
                    .withLinks(List.of(Ref.to(id)), List.of(), List.of(), null)));
        }
        if (e.place() != null) {
            location = Ref.to(new Place(
                    ObjectCore.of(null, "Place").withName(e.place().name()),
                    e.place().latitude(),
                    e.place().longitude(),
                    e.place().address() == null
                            ? null
                            : new PostalAddress(e.place().address(), null, null, null, null)));
        }
        return new Event(
                core,
                e.start(),
                e.end(),
                e.zone().getId(),
                location,
                e.isOnline(),
                e.joinMode().code(),
                // Mobilizon reads 0 as "no limit".
                e.capacity() == null ? 0 : e.capacity(),
                counts.remaining(),
                counts.participants(),
                e.cancelled() ? "CANCELLED" : "CONFIRMED",
                e.category().mobilizon());
    }

    /**
     * FEP-8a8e's terms beside Mobilizon's: {@code eventStatus} next to {@code ical:status},
     * {@code organizers} (the branch, also {@code attributedTo}) and {@code attendees} with only
     * its {@code totalItems} (the accepted participants; never who).
     */
    private static void fep8a8e(ObjectNode ext, BranchEvent e, EventCounts counts, URI branch) {
        ext.put(EVENT_STATUS, Namespaces.FEP_8A8E + (e.cancelled() ? "EventCancelled" : "EventScheduled"));
        ObjectNode organizers =
                ext.putObject(ORGANIZERS).put("type", "Collection").put("totalItems", 1);
        organizers.putArray("items").add(branch.toString());
        ext.putObject(ATTENDEES).put("type", "Collection").put("totalItems", counts.participants());
    }

    public Activity create(BranchEvent e, EventCounts counts, String branchSlug) {
        return Activities.wrap(
                uris.eventCreate(e.id()),
                ActivityType.CREATE,
                e.published(),
                branchSlug,
                uris,
                Ref.to(object(e, counts, branchSlug)));
    }

    public Activity update(BranchEvent e, EventCounts counts, String branchSlug, java.time.Instant when) {
        return Activities.wrap(
                uris.newActivity(),
                ActivityType.UPDATE,
                when,
                branchSlug,
                uris,
                Ref.to(object(e, counts, branchSlug, when)));
    }

    public Activity delete(BranchEvent e, String branchSlug) {
        return Activities.wrap(
                uris.newActivity(),
                ActivityType.DELETE,
                e.deleted(),
                branchSlug,
                uris,
                Ref.to(object(e, EventCounts.of(e, 0), branchSlug)));
    }

    /** The description with the date and place in words first, for servers that show only text. */
    static String content(BranchEvent e) {
        ZonedDateTime start = e.start().atZone(e.zone());
        ZonedDateTime end = e.end().atZone(e.zone());
        String until = start.toLocalDate().equals(end.toLocalDate()) ? UNTIL.format(end) : WHEN.format(end);
        StringBuilder html = new StringBuilder();
        if (e.cancelled()) {
            html.append("<p><strong>Cancelled.</strong></p>");
        }
        html.append("<p>")
                .append(escape(
                        WHEN.format(start) + " to " + until + " (" + e.zone().getId() + ")"))
                .append("</p>");
        if (e.place() != null) {
            String where = java.util.stream.Stream.of(
                            e.place().name(), e.place().address())
                    .filter(s -> s != null && !s.isBlank())
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("");
            html.append("<p>").append(escape(where)).append("</p>");
        }
        if (e.isOnline()) {
            html.append("<p>Online: the link is shown to participants.</p>");
        }
        return html.append(e.content()).toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
