package org.branchwork.node.service;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.branchwork.node.domain.Mailing;
import org.branchwork.node.domain.MailingProgress;
import org.branchwork.node.domain.ReceivedBroadcast;
import org.branchwork.node.domain.ReceivedBroadcast.Decision;
import org.branchwork.node.domain.RelayCounts;
import org.branchwork.node.domain.RelayState;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.FollowStore;
import org.branchwork.node.storage.ReceivedBroadcastStore;
import org.branchwork.node.storage.Transactions;

/**
 * National broadcasts, a branch's side: those received from nodes the branch follows wait in its
 * organisers' queue, to be approved (with an intro of their own before the text) or declined; an
 * admin may let a named node's broadcasts through as they arrive. An approved broadcast is mailed
 * under the branch's name to its members who consented to national's messages
 * ({@link MailingService#relay}). The branch tells the sender where it stands (received,
 * approved, declined, sending, sent) with counts only, whenever that changes: each report is
 * queued for delivery in the transaction that records it, and a reporter compares the relayed
 * mailing's counts with the last report after each batch the mail queue sends and every half
 * minute, so a report missed by a crash goes at the next look. The sender's side is
 * {@link BroadcastService}.
 */
public final class RelayService implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RelayService.class.getName());
    public static final int MAX_INTRO = 4000;
    /** How long after arriving a relayed broadcast's counts are still watched (unsubscribes come late). */
    private static final Duration WATCHED = Duration.ofDays(30);

    private static final Duration POLL = Duration.ofSeconds(30);

    /** A received broadcast with its relayed mailing (null before it is approved) and the mailing's progress. */
    public record Item(ReceivedBroadcast broadcast, Mailing mailing, MailingProgress progress) {

        /** Where it stands at this branch, in the words reports use. */
        public RelayState state() {
            return stateOf(broadcast.decision(), mailing, progress);
        }
    }

    /** What an organiser's decision came to. */
    public sealed interface Decided {
        /** Approved and queued for these many members. */
        record Approved(int recipients) implements Decided {}

        record Declined() implements Decided {}

        /** Decided before (by someone else, or automatically). */
        record AlreadyDecided(Decision decision) implements Decided {}

        /** Not now: the reason says what to do (no mail server, no postal address, an intro too long). */
        record Refused(String reason) implements Decided {}
    }

    private final Transactions tx;
    private final ReceivedBroadcastStore received;
    private final FollowStore follows;
    private final MailingService mailings;
    private final FederationOutbox outbox;
    private final AuditLog audit;
    private final Runnable afterCommit;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile boolean running;
    private Thread reporter;

    public RelayService(
            Transactions tx,
            ReceivedBroadcastStore received,
            FollowStore follows,
            MailingService mailings,
            MailQueue queue,
            FederationOutbox outbox,
            AuditLog audit,
            Runnable afterCommit,
            Clock clock) {
        this.tx = tx;
        this.received = received;
        this.follows = follows;
        this.mailings = mailings;
        this.outbox = outbox;
        this.audit = audit;
        this.afterCommit = afterCommit;
        this.clock = clock;
        queue.afterBatch(this::wake);
    }

    /**
     * A broadcast from a node the branch follows (the federation has checked that, and that the
     * sender signed it): queued for the organisers and answered {@code received}; approved at once
     * when an admin lets the sender's broadcasts through.
     */
    public Effect received(ReceivedBroadcastStore.Arrived a) {
        Optional<Long> id = tx.inTransaction(c -> {
            Optional<Long> added = received.insert(c, a, clock.instant());
            if (added.isPresent()) {
                report(c, added.get(), RelayState.RECEIVED, RelayCounts.NONE);
            }
            return added;
        });
        if (id.isEmpty()) {
            return Effect.unchanged("broadcast " + a.broadcast() + " is held already");
        }
        afterCommit.run();
        if (!tx.inTransaction(c -> received.isAutoApproved(c, a.sender()))) {
            return Effect.changed("broadcast received for the organisers' queue: " + a.broadcast());
        }
        return switch (approve(Acting.apiToken(), id.get(), null)) {
            case Decided.Approved ok ->
                Effect.changed("broadcast received and approved automatically: " + ok.recipients() + " recipients");
            case Decided.Refused r ->
                Effect.changed("broadcast received; approving it automatically failed, so it waits for the organisers: "
                        + r.reason());
            default -> Effect.changed("broadcast received: " + a.broadcast());
        };
    }

    /** The broadcasts received, newest first, with their relayed mailings' progress. */
    public List<Item> list(Acting who, int limit) {
        NotAllowed.unless(who, Role.ORGANISER);
        List<Item> out = new ArrayList<>();
        for (ReceivedBroadcast b : tx.inTransaction(c -> received.recent(c, limit))) {
            out.add(item(b));
        }
        return out;
    }

    public Optional<Item> find(Acting who, long id) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> received.find(c, id)).map(this::item);
    }

    private Item item(ReceivedBroadcast b) {
        Mailing m = b.decision() == Decision.APPROVED
                ? mailings.forBroadcast(b.id()).orElse(null)
                : null;
        return new Item(b, m, m == null ? MailingProgress.NONE : mailings.progress(m));
    }

    /** Approves a received broadcast and mails it, with the organisers' {@code intro} (Markdown) before its text. */
    public Decided approve(Acting who, long id, String intro) {
        NotAllowed.unless(who, Role.ORGANISER);
        ReceivedBroadcast b = tx.inTransaction(c -> received.find(c, id))
                .orElseThrow(() -> new RequestRefused.NotFound("No such broadcast."));
        if (b.decision() != Decision.RECEIVED) {
            return new Decided.AlreadyDecided(b.decision());
        }
        String lead = intro == null ? "" : intro.replace("\r\n", "\n").strip();
        if (lead.length() > MAX_INTRO) {
            return new Decided.Refused("An intro is at most " + MAX_INTRO + " characters.");
        }
        String text = b.markdown().isBlank() ? HtmlContent.plainText(b.safeHtml()) : b.markdown();
        String markdown = lead.isEmpty() ? text : lead + "\n\n---\n\n" + text;
        MailingService.Sending sending = mailings.relay(who, id, b.subject(), markdown);
        if (sending instanceof MailingService.Sending.Refused r) {
            return new Decided.Refused(r.reason());
        }
        int recipients = sending instanceof MailingService.Sending.Queued q ? q.recipients() : 0;
        boolean decided = tx.inTransaction(c -> {
            if (!received.decide(c, id, Decision.APPROVED, lead.isEmpty() ? null : lead, clock.instant())) {
                return false;
            }
            report(c, id, RelayState.APPROVED, RelayCounts.NONE);
            audit.record(c, who, "broadcast.approved", null, "broadcast=" + id + " recipients=" + recipients);
            return true;
        });
        if (!decided) {
            return new Decided.AlreadyDecided(Decision.APPROVED);
        }
        afterCommit.run();
        wake();
        return new Decided.Approved(recipients);
    }

    /** Declines a received broadcast: nobody is mailed, and the sender hears so. */
    public Decided decline(Acting who, long id) {
        NotAllowed.unless(who, Role.ORGANISER);
        ReceivedBroadcast b = tx.inTransaction(c -> received.find(c, id))
                .orElseThrow(() -> new RequestRefused.NotFound("No such broadcast."));
        boolean decided = tx.inTransaction(c -> {
            if (!received.decide(c, id, Decision.DECLINED, null, clock.instant())) {
                return false;
            }
            report(c, id, RelayState.DECLINED, RelayCounts.NONE);
            audit.record(c, who, "broadcast.declined", null, "broadcast=" + id);
            return true;
        });
        if (!decided) {
            return new Decided.AlreadyDecided(b.decision());
        }
        afterCommit.run();
        return new Decided.Declined();
    }

    /** The nodes whose broadcasts are approved as they arrive. */
    public List<URI> autoApproved(Acting who) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(received::autoApproved);
    }

    /** The nodes the branch follows: those it can receive broadcasts from. */
    public List<URI> senders(Acting who) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> follows.followings(c).stream()
                .filter(f -> "accepted".equals(f.state()))
                .map(FollowStore.Following::actor)
                .toList());
    }

    /**
     * Lets a followed node's broadcasts through as they arrive, or stops doing so (admins only);
     * empty, or why not.
     */
    public Optional<String> setAutoApprove(Acting who, URI sender, boolean on) {
        NotAllowed.unless(who, Role.ADMIN);
        return tx.inTransaction(c -> {
            if (on
                    && follows.following(c, sender)
                            .filter(f -> "accepted".equals(f.state()))
                            .isEmpty()) {
                return Optional.of("This branch does not follow " + sender + ": follow it first.");
            }
            boolean changed =
                    on ? received.addAutoApproved(c, sender, clock.instant()) : received.removeAutoApproved(c, sender);
            if (changed) {
                audit.record(
                        c,
                        who,
                        on ? "broadcast.auto_approve_added" : "broadcast.auto_approve_removed",
                        null,
                        sender.toString());
            }
            return Optional.<String>empty();
        });
    }

    /** Starts the reporter. */
    public synchronized void start() {
        running = true;
        reporter = Thread.ofVirtual().name("broadcast-reports").start(this::run);
    }

    /** Asks the reporter to look now (the mail queue calls this after each batch). */
    public void wake() {
        wakeUp.release();
    }

    private void run() {
        while (running) {
            try {
                reportChanges();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Reporting broadcasts' progress failed; trying again shortly", e);
            }
            try {
                wakeUp.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                wakeUp.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Reports every watched broadcast whose state or counts moved since its last report; how many. */
    public int reportChanges() {
        int reported = 0;
        Instant since = clock.instant().minus(WATCHED);
        for (ReceivedBroadcast b : tx.inTransaction(c -> received.approvedSince(c, since, 200))) {
            Item now = item(b);
            RelayState state = now.state();
            RelayCounts counts = countsOf(now.progress());
            ReceivedBroadcast.Reported last = b.reported();
            if (last != null && last.state() == state && last.counts().equals(counts)) {
                continue;
            }
            boolean sent = tx.inTransaction(c -> {
                received.lock(c, b.id());
                ReceivedBroadcast current = received.find(c, b.id()).orElseThrow();
                ReceivedBroadcast.Reported held = current.reported();
                if (held != null && held.state() == state && held.counts().equals(counts)) {
                    return false;
                }
                report(c, b.id(), state, counts);
                return true;
            });
            if (sent) {
                reported++;
            }
        }
        if (reported > 0) {
            afterCommit.run();
        }
        return reported;
    }

    /** Queues a report to the sender and remembers it; its time is always later than the last one's. */
    private void report(java.sql.Connection c, long id, RelayState state, RelayCounts counts)
            throws java.sql.SQLException {
        ReceivedBroadcast b = received.find(c, id).orElseThrow();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (b.reported() != null && !at.isAfter(b.reported().at())) {
            at = b.reported().at().plusMillis(1);
        }
        outbox.publish(c, new DomainChange.BroadcastReported(b.broadcast(), b.senderInbox(), state, counts, at));
        received.reported(c, id, state, counts, at);
    }

    static RelayState stateOf(Decision decision, Mailing m, MailingProgress p) {
        return switch (decision) {
            case RECEIVED -> RelayState.RECEIVED;
            case DECLINED -> RelayState.DECLINED;
            case APPROVED -> {
                if (m == null || m.editable()) {
                    yield RelayState.APPROVED;
                }
                // A mailing that reached nobody stays "sending" until the queue next finishes a batch.
                yield m.state() == Mailing.State.SENT || p.queued() == 0 ? RelayState.SENT : RelayState.SENDING;
            }
        };
    }

    private static RelayCounts countsOf(MailingProgress p) {
        return new RelayCounts(p.sent(), p.failed(), p.unsubscribed());
    }

    @Override
    public void close() {
        running = false;
        wakeUp.release();
        Thread t = reporter;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
