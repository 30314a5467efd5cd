package org.branchwork.node.web;

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

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.http.LocalUris;
import org.branchwork.node.service.AnnouncementService;
import org.branchwork.node.service.BranchService;
import org.branchwork.node.service.EventCalendar;
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
    private final EventCalendar calendar;

    public CalendarFeeds(
            EventService events, AnnouncementService announcements, BranchService branches, LocalUris uris) {
        this.events = events;
        this.announcements = announcements;
        this.branches = branches;
        this.uris = uris;
        this.calendar = new EventCalendar(uris::event, this::siteName);
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

    /** The events as one iCalendar document (the service's writer, shared with the mails that attach one). */
    public String calendar(List<BranchEvent> list) {
        return calendar.write(list);
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
