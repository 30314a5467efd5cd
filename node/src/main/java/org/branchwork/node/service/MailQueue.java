package org.branchwork.node.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.branchwork.node.domain.Mailing;
import org.branchwork.node.domain.MailingId;
import org.branchwork.node.storage.GroupCommitter;
import org.branchwork.node.storage.MailQueueStore;
import org.branchwork.node.storage.MailQueueStore.Queued;
import org.branchwork.node.storage.MailingStore;
import org.branchwork.node.storage.Transactions;

/**
 * The mail queue's worker. Rows in {@code mail_out} are the queue: a few senders each claim a
 * batch of due rows under a lease, send them over one reused SMTP connection, and record each
 * answer in its own transaction right after the server gave it, so a crash re-sends at most the
 * mails whose answer was not yet recorded (at-least-once; a resend carries the same
 * {@code Message-ID}). A 4xx puts the mail off with a growing delay; a 5xx at {@code RCPT} marks
 * the address as bouncing; a server that cannot be reached leaves the rows queued and is reported
 * on the admin page until it answers again. A rate limit spaces mails out for providers that cap
 * mails per hour. Nothing about a recipient or a mail's text goes to the log.
 */
public final class MailQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(MailQueue.class.getName());
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);
    private static final Duration MAX_SERVER_WAIT = Duration.ofMinutes(5);
    /** A mail put off this many times fails (with the default first retry, after about a day). */
    static final int MAX_ATTEMPTS = 6;

    private static final int BATCH = 100;
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"]+@[^\\s<>\"]+");

    /**
     * @param connections how many SMTP connections send at once
     * @param perHour     the most mails per hour (0: no limit)
     * @param firstRetry  how long a mail put off (4xx) waits first; each further try waits 4 times longer
     */
    public record Settings(int connections, int perHour, Duration firstRetry) {
        public static final Settings DEFAULT = new Settings(2, 0, Duration.ofMinutes(2));
    }

    /** The mail server as the queue last found it. */
    public record ServerStatus(boolean configured, boolean reachable, Instant since, String problem) {}

    private final Transactions tx;
    private final MailQueueStore queue;
    private final MailingStore mailings;
    private final MailComposer composer;
    private final MailTransport transport;
    private final Supplier<String> postalAddress;
    private final Settings settings;
    private final Clock clock;
    private final Semaphore wakeUp = new Semaphore(0);
    private final MailPace pace;
    private final Map<Long, Mailing> sending = new ConcurrentHashMap<>();
    private final String token = UUID.randomUUID().toString();
    private final AtomicLong claims = new AtomicLong();
    private volatile ServerStatus status;
    private final List<Runnable> beforeClaim = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Runnable afterBatch = () -> {};
    private volatile boolean running;
    private final List<Thread> senders = new ArrayList<>();
    /**
     * Each answer is recorded through one group commit shared by the senders: a sender goes on to
     * its next mail while the answer commits (a few milliseconds, the window in which a crash makes
     * a mail go twice), and one log sync records the answers of every sender.
     */
    private final GroupCommitter<Record, Void> answers;

    public MailQueue(
            Transactions tx,
            MailQueueStore queue,
            MailingStore mailings,
            MailComposer composer,
            MailTransport transport,
            Supplier<String> postalAddress,
            Settings settings,
            Clock clock) {
        this.tx = tx;
        this.queue = queue;
        this.mailings = mailings;
        this.composer = composer;
        this.transport = transport;
        this.postalAddress = postalAddress;
        this.settings = settings;
        this.pace = new MailPace(settings.perHour());
        this.clock = clock;
        this.status = new ServerStatus(transport.configured(), transport.configured(), clock.instant(), null);
        this.answers = new GroupCommitter<>("mail-answers", tx, (batch, r) -> {
            r.apply(batch.connection(), clock.instant());
            return null;
        });
    }

    /** Work the first sender does before each claim: queueing what is now due (scheduled mailings, reminders). */
    public void beforeClaim(Runnable work) {
        beforeClaim.add(work);
    }

    /** Work done after each batch is sent (reporting relayed broadcasts' progress to their senders). */
    void afterBatch(Runnable work) {
        this.afterBatch = work;
    }

    /**
     * @param soleProcess whether this process alone opens the database: claims found now are then
     *                    a crashed predecessor's and are given up at once
     */
    public synchronized void start(boolean soleProcess) {
        if (soleProcess) {
            int stale = tx.inTransaction(queue::releaseAll);
            if (stale > 0) {
                LOG.info(() -> stale + " mails were claimed when the node last stopped; the unsent ones go now");
            }
        }
        running = true;
        for (int i = 0; i < Math.max(1, settings.connections()); i++) {
            boolean first = i == 0;
            senders.add(Thread.ofVirtual().name("mail-sender-" + i).start(() -> run(first)));
        }
    }

    /** Called after a transaction that queued mail commits, so it goes now. */
    public void wake() {
        wakeUp.release(senders.size() + 1);
    }

    public ServerStatus status() {
        return status;
    }

    public org.branchwork.node.domain.MailBacklog backlog() {
        return tx.inTransaction(c -> queue.backlog(c, clock.instant().minus(Duration.ofDays(1))));
    }

    private void run(boolean first) {
        MailTransport.Connection connection = null;
        Duration serverWait = settings.firstRetry().compareTo(Duration.ofSeconds(5)) < 0
                ? settings.firstRetry()
                : Duration.ofSeconds(5);
        try {
            while (running) {
                if (first) {
                    beforeClaim.forEach(MailQueue::runQuietly);
                }
                Instant now = clock.instant();
                String claim = token + "/" + claims.incrementAndGet();
                List<Queued> batch = List.of();
                if (transport.configured()) {
                    batch = tx.inTransaction(c -> queue.claimDue(c, now, BATCH, claim, now.plus(LEASE)));
                }
                if (batch.isEmpty()) {
                    connection = closeQuietly(connection);
                    idle();
                    continue;
                }
                try {
                    if (connection == null) {
                        connection = transport.open();
                    }
                    send(connection, batch, claim);
                    serverWait = settings.firstRetry().compareTo(Duration.ofSeconds(5)) < 0
                            ? settings.firstRetry()
                            : Duration.ofSeconds(5);
                    reachable();
                } catch (MailTransport.Unavailable e) {
                    connection = closeQuietly(connection);
                    Instant retry = clock.instant().plus(serverWait);
                    tx.inTransaction(c -> {
                        queue.release(c, claim, retry);
                        return null;
                    });
                    unreachable(e.getMessage());
                    sleep(serverWait);
                    serverWait = min(serverWait.multipliedBy(2), MAX_SERVER_WAIT);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Mail sender stopped; the node restarts it at its next start", e);
        } finally {
            closeQuietly(connection);
        }
    }

    private void send(MailTransport.Connection connection, List<Queued> batch, String claim)
            throws MailTransport.Unavailable, InterruptedException {
        MailComposer.Sender from = composer.sender(postalAddress.get());
        List<java.util.concurrent.CompletableFuture<Void>> recorded = new ArrayList<>();
        try {
            sendAll(connection, batch, claim, from, recorded);
        } finally {
            // Every answer of the batch is durable before the next claim, or before the claim is given up.
            for (var f : recorded) {
                try {
                    f.join();
                } catch (java.util.concurrent.CompletionException e) {
                    LOG.log(Level.WARNING, "Recording a mail's answer failed; it goes again after its lease", e);
                }
            }
        }
        tx.inTransaction(mailings::finishSent);
        runQuietly(afterBatch);
    }

    private void sendAll(
            MailTransport.Connection connection,
            List<Queued> batch,
            String claim,
            MailComposer.Sender from,
            List<java.util.concurrent.CompletableFuture<Void>> recorded)
            throws MailTransport.Unavailable, InterruptedException {
        for (Queued q : batch) {
            if (!running) {
                return;
            }
            if (!q.wanted()) {
                recorded.add(
                        answers.submit((c, now) -> queue.skipped(c, q.id(), claim, now, "no consent or bouncing now")));
                continue;
            }
            Mailing mailing = q.mailing() == null ? null : mailing(q.mailing());
            MailTransport.OutgoingMail mail = composer.compose(q, mailing, from);
            pace();
            MailTransport.Outcome outcome = connection.send(mail);
            Record answer = switch (outcome) {
                case MailTransport.Outcome.Sent s -> (c, now) -> queue.sent(c, q.id(), claim, now);
                case MailTransport.Outcome.TryLater later -> laterOrFailed(q, claim, later.why());
                case MailTransport.Outcome.Refused refused ->
                    (c, now) -> {
                        queue.failed(c, q.id(), claim, now, clean(refused.why()));
                        if (refused.address()) {
                            queue.bounced(c, q.member(), now);
                        }
                    };
            };
            recorded.add(answers.submit(answer));
        }
    }

    private Record laterOrFailed(Queued q, String claim, String why) {
        if (q.attempts() + 1 >= MAX_ATTEMPTS) {
            return (c, now) -> queue.failed(c, q.id(), claim, now, "put off too often: " + clean(why));
        }
        Duration wait = settings.firstRetry().multipliedBy(1L << (2 * q.attempts()));
        return (c, now) -> queue.retryLater(c, q.id(), claim, now.plus(wait), clean(why));
    }

    /** One answer's write. */
    @FunctionalInterface
    private interface Record {
        void apply(java.sql.Connection c, Instant now) throws java.sql.SQLException;
    }

    private Mailing mailing(MailingId id) {
        // A mailing's text and audience are fixed once it is queued; read it once per process.
        return sending.computeIfAbsent(
                id.value(),
                k -> tx.inTransaction(c -> mailings.find(c, id))
                        .orElseThrow(() -> new IllegalStateException("mailing " + k + " is gone")));
    }

    /** Waits for this mail's slot under the rate limit. */
    private void pace() throws InterruptedException {
        long wait = pace.take(clock.millis() * 1000);
        if (wait > 0) {
            TimeUnit.MICROSECONDS.sleep(wait);
        }
    }

    private void idle() throws InterruptedException {
        Optional<Instant> next = transport.configured() ? tx.inTransaction(queue::nextDue) : Optional.empty();
        Optional<Instant> scheduled = tx.inTransaction(mailings::nextScheduled);
        Duration wait = IDLE_POLL;
        for (Optional<Instant> at : List.of(next, scheduled)) {
            if (at.isPresent()) {
                Duration until = Duration.between(clock.instant(), at.get());
                if (until.compareTo(wait) < 0) {
                    wait = until;
                }
            }
        }
        wakeUp.tryAcquire(Math.max(wait.toMillis(), 20), TimeUnit.MILLISECONDS);
    }

    private void reachable() {
        if (!status.reachable()) {
            LOG.info("The mail server answers again; queued mail goes out");
            status = new ServerStatus(true, true, clock.instant(), null);
        }
    }

    private void unreachable(String problem) {
        if (status.reachable()) {
            LOG.warning(() -> "The mail server cannot be reached (" + clean(problem) + "); mail waits in the queue");
            status = new ServerStatus(true, false, clock.instant(), clean(problem));
        }
    }

    /** A server's answer without any address in it (servers quote the recipient), for the log and the page. */
    static String clean(String problem) {
        if (problem == null) {
            return "";
        }
        String oneLine = ADDRESS.matcher(problem)
                .replaceAll("(address)")
                .replaceAll("\\s+", " ")
                .strip();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) : oneLine;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private void sleep(Duration d) throws InterruptedException {
        wakeUp.tryAcquire(Math.max(d.toMillis(), 20), TimeUnit.MILLISECONDS);
    }

    private static void runQuietly(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "Queueing what is due (scheduled mailings, reminders) failed; trying again shortly",
                    e);
        }
    }

    private static MailTransport.Connection closeQuietly(MailTransport.Connection c) {
        if (c != null) {
            c.close();
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        wakeUp.release(senders.size() + 1);
        for (Thread t : senders) {
            try {
                t.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        answers.close();
    }
}
