package org.branchwork.node.web;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import io.helidon.http.HeaderNames;
import io.helidon.http.NotFoundException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
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

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.node.service.BranchService;
import org.branchwork.node.service.EventService;
import org.branchwork.node.service.HtmlContent;

/**
 * Calendars and feeds for people's own software: iCalendar (RFC 5545, written by ical4j) per event
 * at {@code /events/{id}/calendar.ics} and for the branch at {@code /calendar.ics}, each event in
 * its own time zone with the zone's definition; and an Atom feed of announcements and events at
 * {@code /feed.atom} (written by ROME). The online link is never in them: it is for participants.
 */
public final class CalendarFeeds implements HttpService {

    private final EventService events;
    private final AnnouncementService announcements;
    private final BranchService branches;
    private final LocalUris uris;
    private final TimeZoneRegistry zones = TimeZoneRegistryFactory.getInstance().createRegistry();

    public CalendarFeeds(
            EventService events, AnnouncementService announcements, BranchService branches, LocalUris uris) {
        this.events = events;
        this.announcements = announcements;
        this.branches = branches;
        this.uris = uris;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/calendar.ics", (req, res) -> sendCalendar(res, events.forCalendar(), "calendar"))
                .get("/events/{id}/calendar.ics", this::oneEvent)
                .get("/feed.atom", this::atom);
    }

    private void oneEvent(ServerRequest req, ServerResponse res) {
        Optional<BranchEvent> event;
        try {
            event = events.find(EventId.parse(req.path().pathParameters().get("id")))
                    .filter(e -> !e.isDeleted());
        } catch (IllegalArgumentException e) {
            event = Optional.empty();
        }
        sendCalendar(res, List.of(event.orElseThrow(() -> new NotFoundException("No such event."))), "event");
    }

    private void sendCalendar(ServerResponse res, List<BranchEvent> list, String filename) {
        res.headers().set(HeaderNames.CONTENT_TYPE, "text/calendar; charset=utf-8");
        res.headers().set(HeaderNames.CONTENT_DISPOSITION, "inline; filename=\"" + filename + ".ics\"");
        res.headers().set(HeaderNames.CACHE_CONTROL, "max-age=300");
        res.send(calendar(list));
    }

    /** The events as one iCalendar document, with a VTIMEZONE for each zone they use. */
    public String calendar(List<BranchEvent> list) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Branchwork//" + siteName() + "//EN"));
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
            URI iri = uris.event(e.id());
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

    private void atom(ServerRequest req, ServerResponse res) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle(siteName());
        feed.setLink(uris.home().toString());
        feed.setUri(uris.home() + "feed.atom");
        feed.setDescription("Announcements and events from " + siteName());
        List<SyndEntry> entries = new java.util.ArrayList<>();
        for (Announcement a : announcements.page(1)) {
            entries.add(entry(
                    uris.announcement(a.id()),
                    a.title() != null ? a.title() : HtmlContent.plainText(a.content()),
                    a.content(),
                    a.published(),
                    a.updated()));
        }
        for (BranchEvent e : events.upcoming(1)) {
            entries.add(entry(
                    uris.event(e.id()),
                    (e.cancelled() ? "Cancelled: " : "") + e.name(),
                    e.content(),
                    e.published(),
                    e.updated()));
        }
        entries.sort(java.util.Comparator.comparing(SyndEntry::getPublishedDate).reversed());
        feed.setEntries(entries);
        if (!entries.isEmpty()) {
            feed.setPublishedDate(entries.get(0).getPublishedDate());
        }
        try {
            res.headers().set(HeaderNames.CONTENT_TYPE, "application/atom+xml; charset=utf-8");
            res.headers().set(HeaderNames.CACHE_CONTROL, "max-age=300");
            res.send(new SyndFeedOutput().outputString(feed));
        } catch (FeedException e) {
            throw new IllegalStateException("Atom feed could not be written", e);
        }
    }

    private static SyndEntry entry(
            URI link, String title, String html, java.time.Instant published, java.time.Instant updated) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri(link.toString());
        entry.setLink(link.toString());
        entry.setTitle(title.length() > 120 ? title.substring(0, 117) + "…" : title);
        entry.setPublishedDate(Date.from(published));
        entry.setUpdatedDate(Date.from(updated != null ? updated : published));
        SyndContent content = new SyndContentImpl();
        content.setType("html");
        content.setValue(html);
        entry.setContents(List.of(content));
        return entry;
    }

    private String siteName() {
        return branches.current().map(b -> b.name()).orElse("Branchwork");
    }
}
