package org.branchwork.node.service;

import java.time.Clock;
import java.util.Optional;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.AnnouncementId;
import org.branchwork.node.storage.AnnouncementStore;
import org.branchwork.node.storage.Transactions;

/**
 * Publishing announcements: stored and handed to the {@link FederationOutbox} in one transaction,
 * so an announcement exists exactly when its delivery to followers is queued.
 */
public final class AnnouncementService {

    /** Longest announcement accepted, in characters. */
    public static final int MAX_CONTENT = 20_000;

    private final Transactions tx;
    private final AnnouncementStore store;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;
    private final Clock clock;

    public AnnouncementService(Transactions tx, AnnouncementStore store, FederationOutbox outbox, Runnable afterCommit,
                               Clock clock) {
        this.tx = tx;
        this.store = store;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /** Publishes plain text (escaped and wrapped in paragraphs); Markdown comes with the announcements work. */
    public Announcement publish(String title, String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_CONTENT) {
            throw new IllegalArgumentException("An announcement needs 1 to " + MAX_CONTENT + " characters of content.");
        }
        String heading = title == null || title.isBlank() ? null : title.strip();
        if (heading != null && heading.length() > 200) {
            throw new IllegalArgumentException("A title may be at most 200 characters.");
        }
        Announcement announcement = new Announcement(AnnouncementId.random(), heading, paragraphs(trimmed), clock.instant());
        tx.inTransaction(c -> {
            store.insert(c, announcement);
            outbox.announcementPublished(c, announcement);
            return null;
        });
        afterCommit.run();
        return announcement;
    }

    public Optional<Announcement> find(AnnouncementId id) {
        return tx.inTransaction(c -> store.find(c, id));
    }

    private static String paragraphs(String text) {
        StringBuilder html = new StringBuilder();
        for (String para : text.split("\\R\\s*\\R")) {
            html.append("<p>").append(escape(para.strip()).replaceAll("\\R", "<br>")).append("</p>");
        }
        return html.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
