package org.branchwork.node.service;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.CalScale;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Method;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventId;

/**
 * Events as iCalendar (RFC 5545, written by ical4j): each in its own time zone with the zone's
 * definition, the event's IRI as its UID, cancelled ones as {@code STATUS:CANCELLED}. The feeds
 * serve it; the mails that confirm an RSVP attach it. The online link is never in it.
 */
public final class EventCalendar {

    private final Function<EventId, URI> iriOf;
    private final Supplier<String> siteName;
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

    public EventCalendar(Function<EventId, URI> iriOf, Supplier<String> siteName) {
        this.iriOf = iriOf;
        this.siteName = siteName;
    }

    /** The events as one iCalendar document, with a VTIMEZONE for each zone they use. */
    public String write(List<BranchEvent> list) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Branchwork//" + siteName.get() + "//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(new CalScale(CalScale.VALUE_GREGORIAN));
        calendar.add(new Method(Method.VALUE_PUBLISH));
        list.stream()
                .map(e -> e.zone().getId())
                .distinct()
                .map(zones::getTimeZone)
                .filter(java.util.Objects::nonNull)
                .forEach(tz -> calendar.add(tz.getVTimeZone()));
        for (BranchEvent e : list) {
            VEvent v = new VEvent(e.start().atZone(e.zone()), e.end().atZone(e.zone()), e.name());
            URI iri = iriOf.apply(e.id());
            v.add(new Uid(iri.toString()));
            v.add(new Url(iri));
            v.add(new Description(HtmlContent.plainText(e.content())));
            v.add(new Status(e.cancelled() ? Status.VALUE_CANCELLED : Status.VALUE_CONFIRMED));
            v.add(new LastModified((e.updated() != null ? e.updated() : e.published())));
            if (e.place() != null) {
                v.add(new Location(
                        java.util.stream.Stream.of(e.place().name(), e.place().address())
                                .filter(s -> s != null && !s.isBlank())
                                .reduce((a, b) -> a + ", " + b)
                                .orElse("")));
            }
            calendar.add(v);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
