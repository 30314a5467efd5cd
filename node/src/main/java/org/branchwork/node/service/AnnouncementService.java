package org.branchwork.node.service;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.Announcement;
import org.branchwork.node.domain.AnnouncementId;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.AnnouncementStore;
import org.branchwork.node.storage.Transactions;

/**
 * Announcements: organisers write Markdown, the node stores it with its sanitised HTML and tells
 * the {@link FederationOutbox} in the same transaction, so a change exists exactly when its
 * delivery to followers is queued. Publish is a {@code Create}, edit an {@code Update}, delete a
 * {@code Delete} (the row stays, so the IRI answers 410).
 */
public final class AnnouncementService {

    /** Longest announcement accepted, in characters of Markdown. */
    public static final int MAX_CONTENT = 20_000;

    public static final int MAX_TITLE = 200;
    public static final int PAGE = 20;

    private final Transactions tx;
    private final AnnouncementStore store;
    private final FederationOutbox outbox;
    private final Runnable afterCommit;
    private final Clock clock;

    public AnnouncementService(
            Transactions tx, AnnouncementStore store, FederationOutbox outbox, Runnable afterCommit, Clock clock) {
        this.tx = tx;
        this.store = store;
        this.outbox = outbox;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /** Publishes Markdown; a title makes it an article. Throws {@link IllegalArgumentException} naming what is wrong. */
    public Announcement publish(Acting who, String title, String markdown) {
        NotAllowed.unless(who, Role.ORGANISER);
        String text = checkedText(markdown);
        Announcement a = new Announcement(
                AnnouncementId.random(),
                checkedTitle(title),
                text,
                HtmlContent.fromMarkdown(text),
                clock.instant(),
                null,
                null);
        tx.inTransaction(c -> {
            store.insert(c, a);
            outbox.publish(c, new DomainChange.AnnouncementPublished(a));
            return null;
        });
        afterCommit.run();
        return a;
    }

    /** Replaces title and text; empty when there is no such (undeleted) announcement. */
    public Optional<Announcement> edit(Acting who, AnnouncementId id, String title, String markdown) {
        NotAllowed.unless(who, Role.ORGANISER);
        String text = checkedText(markdown);
        String heading = checkedTitle(title);
        Optional<Announcement> edited = tx.inTransaction(c -> {
            Optional<Announcement> current = store.find(c, id).filter(a -> !a.isDeleted());
            if (current.isEmpty()) {
                return Optional.<Announcement>empty();
            }
            Announcement a = new Announcement(
                    id,
                    heading,
                    text,
                    HtmlContent.fromMarkdown(text),
                    current.get().published(),
                    clock.instant(),
                    null);
            store.update(c, a);
            outbox.publish(c, new DomainChange.AnnouncementEdited(a));
            return Optional.of(a);
        });
        edited.ifPresent(a -> afterCommit.run());
        return edited;
    }

    /** Deletes it (a {@code Delete} to followers, a {@code Tombstone} at its IRI); false when there was nothing to delete. */
    public boolean delete(Acting who, AnnouncementId id) {
        NotAllowed.unless(who, Role.ORGANISER);
        boolean deleted = tx.inTransaction(c -> {
            Optional<Announcement> current = store.find(c, id).filter(a -> !a.isDeleted());
            if (current.isEmpty()) {
                return false;
            }
            Announcement a = current.get();
            Announcement gone = new Announcement(
                    id, a.title(), a.markdown(), a.content(), a.published(), clock.instant(), clock.instant());
            store.update(c, gone);
            outbox.publish(c, new DomainChange.AnnouncementDeleted(gone));
            return true;
        });
        if (deleted) {
            afterCommit.run();
        }
        return deleted;
    }

    /** The announcement, deleted ones included (their IRI answers 410). */
    public Optional<Announcement> find(AnnouncementId id) {
        return tx.inTransaction(c -> store.find(c, id));
    }

    /** Page {@code page} (from 1) of announcements, newest first. */
    public List<Announcement> page(int page) {
        return tx.inTransaction(c -> store.page(c, org.branchwork.node.domain.PageNumber.offset(page, PAGE), PAGE + 1));
    }

    private static String checkedText(String markdown) {
        String text = markdown == null ? "" : markdown.strip();
        if (text.isEmpty() || text.length() > MAX_CONTENT) {
            throw new RequestRefused.Invalid(List.of(
                    new FieldError("content", "Text: an announcement needs 1 to " + MAX_CONTENT + " characters.")));
        }
        return text;
    }

    private static String checkedTitle(String title) {
        String heading = title == null || title.isBlank() ? null : title.strip();
        if (heading != null && heading.length() > MAX_TITLE) {
            throw new RequestRefused.Invalid(
                    List.of(new FieldError("title", "Title: at most " + MAX_TITLE + " characters.")));
        }
        return heading;
    }
}
