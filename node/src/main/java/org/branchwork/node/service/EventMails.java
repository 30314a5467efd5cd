package org.branchwork.node.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.branchwork.node.domain.BranchEvent;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.MailKind;
import org.branchwork.node.domain.Rsvp;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.MailQueueStore;
import org.branchwork.node.storage.RsvpStore;
import org.branchwork.node.storage.Transactions;

/**
 * The mails an event needs, to the local members who answered it: the confirmation of an RSVP
 * with the event's calendar file, an organiser's approval or refusal, a change of time or place,
 * a cancellation with its reason, a place that came free from the waiting list, and the reminder the day before with one-click "still coming"
 * and "can't come" links. They need no marketing consent (the member asked to come) and carry no
 * unsubscribe headers; they are never used for anything else. Queued in the caller's transaction,
 * so a mail goes exactly when the change it tells of is committed.
 */
public final class EventMails {

    /** How long before an event its reminder goes. */
    public static final Duration REMINDER_AHEAD = Duration.ofHours(24);

    /** How long before the start an RSVP must have been made to be reminded. */
    public static final Duration REMINDER_NOTICE = Duration.ofHours(12);

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);

    private final Transactions tx;
    private final MailQueueStore queue;
    private final EventStore events;
    private final RsvpStore rsvps;
    private final EventCalendar calendar;
    private final MailLinks links;
    private final Function<EventId, URI> pageOf;
    private final Supplier<URI> origin;
    private final Clock clock;
    private final Runnable wake;

    public EventMails(
            Transactions tx,
            MailQueueStore queue,
            EventStore events,
            RsvpStore rsvps,
            EventCalendar calendar,
            MailLinks links,
            Function<EventId, URI> pageOf,
            Supplier<URI> origin,
            Clock clock,
            Runnable wake) {
        this.tx = tx;
        this.queue = queue;
        this.events = events;
        this.rsvps = rsvps;
        this.calendar = calendar;
        this.links = links;
        this.pageOf = pageOf;
        this.origin = origin;
        this.clock = clock;
        this.wake = wake;
    }

    /** A member's RSVP was accepted at once (a free event): confirmed, with the calendar file. */
    void accepted(Connection c, BranchEvent e, Rsvp r) throws SQLException {
        if (r.member() == null) {
            return;
        }
        queue.enqueue(
                c,
                r.member(),
                MailKind.RSVP_CONFIRMED,
                "You're going: " + e.name(),
                "You said you are going to " + e.name() + ".\n\n" + details(e)
                        + "\n\nThe attached file adds it to your calendar. If you can't come after all, withdraw"
                        + " your RSVP on the event's page so that someone else can have the place.",
                calendar.write(List.of(e)),
                clock.instant());
    }

    /** An organiser decided a waiting RSVP (a restricted event). */
    void decided(Connection c, BranchEvent e, Rsvp r, boolean accepted) throws SQLException {
        if (r.member() == null) {
            return;
        }
        if (accepted) {
            queue.enqueue(
                    c,
                    r.member(),
                    MailKind.RSVP_APPROVED,
                    "Your place is confirmed: " + e.name(),
                    "An organiser confirmed your place at " + e.name() + ".\n\n" + details(e)
                            + "\n\nThe attached file adds it to your calendar.",
                    calendar.write(List.of(e)),
                    clock.instant());
        } else {
            queue.enqueue(
                    c,
                    r.member(),
                    MailKind.RSVP_REFUSED,
                    "No place for you at " + e.name(),
                    "Sorry: the organisers could not give you a place at " + e.name() + " (" + when(e)
                            + ").\n\nThe event's page: " + pageOf.apply(e.id()),
                    null,
                    clock.instant());
        }
    }

    /** A place came free and is the member's: they were first on the waiting list, or an organiser chose them. */
    void promoted(Connection c, BranchEvent e, Rsvp r) throws SQLException {
        if (r.member() == null) {
            return;
        }
        queue.enqueue(
                c,
                r.member(),
                MailKind.RSVP_PROMOTED,
                "A place came free: you're going to " + e.name(),
                "You were on the waiting list for " + e.name() + ", and a place is now yours.\n\n" + details(e)
                        + "\n\nThe attached file adds it to your calendar. If you can't come after all, withdraw"
                        + " your RSVP on the event's page so that the next person can have the place.",
                calendar.write(List.of(e)),
                clock.instant());
    }

    /** An organiser approved the member's RSVP, but the event is full: they are on its waiting list. */
    void waitlisted(Connection c, BranchEvent e, Rsvp r, int position) throws SQLException {
        if (r.member() == null) {
            return;
        }
        queue.enqueue(
                c,
                r.member(),
                MailKind.RSVP_WAITLISTED,
                "On the waiting list: " + e.name(),
                "An organiser approved your RSVP to " + e.name() + ", but every place is taken: you are number "
                        + position + " on the waiting list. We will write again when a place is yours.\n\n"
                        + details(e),
                null,
                clock.instant());
    }

    /** The event's time, place or name changed: everyone coming or waiting is told, with the new calendar file. */
    void changed(Connection c, BranchEvent before, BranchEvent after) throws SQLException {
        if (Objects.equals(before.start(), after.start())
                && Objects.equals(before.end(), after.end())
                && Objects.equals(before.zone(), after.zone())
                && Objects.equals(before.place(), after.place())
                && Objects.equals(before.onlineUrl(), after.onlineUrl())
                && Objects.equals(before.name(), after.name())) {
            return;
        }
        for (Rsvp r : answered(c, after.id())) {
            queue.enqueue(
                    c,
                    r.member(),
                    MailKind.EVENT_CHANGED,
                    "Changed: " + after.name(),
                    "The organisers changed " + before.name() + ". It is now:\n\n" + details(after)
                            + "\n\nThe attached file updates your calendar.",
                    calendar.write(List.of(after)),
                    clock.instant());
        }
    }

    /** The event is cancelled: everyone coming or waiting is told why, when the organisers said. */
    void cancelled(Connection c, BranchEvent e, String reason) throws SQLException {
        for (Rsvp r : answered(c, e.id())) {
            queue.enqueue(
                    c,
                    r.member(),
                    MailKind.EVENT_CANCELLED,
                    "Cancelled: " + e.name(),
                    e.name() + " (" + when(e) + ") is cancelled."
                            + (reason == null ? "" : "\n\nThe organisers say: " + reason)
                            + "\n\nThe attached file takes it out of your calendar.",
                    calendar.write(List.of(e)),
                    clock.instant());
        }
    }

    /**
     * Queues the reminders for events starting within {@link #REMINDER_AHEAD}: once per RSVP, to
     * each member whose RSVP is accepted then and was made at least {@link #REMINDER_NOTICE}
     * before the start; never for a cancelled event or to someone who withdrew. Marked per RSVP
     * (not per event) so that whoever answers after the first reminders went still gets theirs.
     */
    public int remindDue() {
        Instant now = clock.instant();
        List<RsvpStore.DueReminder> due =
                tx.inTransaction(c -> rsvps.dueForReminder(c, now, now.plus(REMINDER_AHEAD), REMINDER_NOTICE, 200));
        int queued = 0;
        for (Map.Entry<EventId, List<RsvpStore.DueReminder>> perEvent : due.stream()
                .collect(Collectors.groupingBy(RsvpStore.DueReminder::event, LinkedHashMap::new, Collectors.toList()))
                .entrySet()) {
            queued += tx.inTransaction(c -> {
                Optional<BranchEvent> found = events.find(c, perEvent.getKey());
                if (found.isEmpty()) {
                    return 0;
                }
                BranchEvent e = found.get();
                int n = 0;
                for (RsvpStore.DueReminder d : perEvent.getValue()) {
                    Optional<Rsvp> r = rsvps.find(c, d.rsvp());
                    if (r.isEmpty() || !rsvps.reminded(c, d.rsvp(), now)) {
                        continue;
                    }
                    String token = links.rsvpToken(d.rsvp());
                    URI answer = origin.get().resolve("/rsvp/" + token);
                    queue.enqueue(
                            c,
                            r.get().member(),
                            MailKind.EVENT_REMINDER,
                            "Tomorrow: " + e.name(),
                            "A reminder: you are going to " + e.name() + ".\n\n" + details(e)
                                    + "\n\nStill coming? " + answer + "?answer=yes"
                                    + "\nCan't come? " + answer + "?answer=no"
                                    + "\n(Either link asks you to confirm; you do not need to sign in. Saying you"
                                    + " can't come frees your place for someone else.)",
                            null,
                            now);
                    n++;
                }
                return n;
            });
        }
        if (queued > 0) {
            wake.run();
        }
        return queued;
    }

    private List<Rsvp> answered(Connection c, EventId event) throws SQLException {
        return rsvps.ofEvent(c, event).stream()
                .filter(r -> r.member() != null)
                .filter(r -> r.state() == Rsvp.State.ACCEPTED
                        || r.state() == Rsvp.State.PENDING
                        || r.state() == Rsvp.State.WAITLISTED)
                .toList();
    }

    private String details(BranchEvent e) {
        StringBuilder out = new StringBuilder();
        out.append("When: ").append(when(e));
        if (e.place() != null) {
            out.append("\nWhere: ")
                    .append(java.util.stream.Stream.of(
                                    e.place().name(), e.place().address())
                            .filter(s -> s != null && !s.isBlank())
                            .reduce((a, b) -> a + ", " + b)
                            .orElse(""));
        }
        if (e.isOnline()) {
            out.append("\nOnline: the link is on the event's page once you are signed in");
        }
        out.append("\nThe event's page: ").append(pageOf.apply(e.id()));
        return out.toString();
    }

    private static String when(BranchEvent e) {
        return WHEN.format(e.start().atZone(e.zone())) + " to "
                + DateTimeFormatter.ofPattern("HH:mm", Locale.UK).format(e.end().atZone(e.zone())) + " ("
                + e.zone().getId() + ")";
    }
}
