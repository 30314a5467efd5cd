package org.branchwork.node.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.branchwork.node.domain.Audience;
import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.EventId;
import org.branchwork.node.domain.MailKind;
import org.branchwork.node.domain.Mailing;
import org.branchwork.node.domain.MailingId;
import org.branchwork.node.domain.MailingProgress;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.EventStore;
import org.branchwork.node.storage.MailQueueStore;
import org.branchwork.node.storage.MailingStore;
import org.branchwork.node.storage.PeerPolicyStore;
import org.branchwork.node.storage.Transactions;

/**
 * Organisers write to the branch's members: a mailing in Markdown for a purpose (branch news or
 * national's messages) and an audience (tags, postcode prefixes, joined since, who answered an
 * event); its exact count and a preview before it goes; a test to the organiser; sent now or at
 * a time. Only members whose consent for the purpose stands, whose address is usable and has not
 * bounced are queued, once each; the queue ({@link MailQueue}) sends them.
 */
public final class MailingService {

    public static final int MAX_SUBJECT = 200;
    public static final int MAX_MARKDOWN = 65_536;
    private static final int MAX_POSTCODES = 20;
    private static final Pattern POSTCODE_PREFIX = Pattern.compile("[A-Z0-9 ]{1,8}");
    private static final String POSTAL_ADDRESS = "mail.postal_address";
    public static final int MAX_POSTAL_ADDRESS = 300;

    /** What the organiser typed: every field as text, checked here. */
    public record Input(
            String subject,
            String markdown,
            String purpose,
            String tags,
            String postcodes,
            String joinedSince,
            String event) {}

    /** A saved mailing, or why not. */
    public sealed interface Saved {
        record Done(Mailing mailing, int recipients) implements Saved {}

        record Invalid(List<FieldError> errors) implements Saved {}
    }

    /** Sent, scheduled, or why not. */
    public sealed interface Sending {
        record Queued(int recipients) implements Sending {}

        record Scheduled(Instant at) implements Sending {}

        /** Not now: the reason says what to do. */
        record Refused(String reason) implements Sending {}
    }

    private final Transactions tx;
    private final MailingStore mailings;
    private final MailQueueStore queue;
    private final EventStore events;
    private final PeerPolicyStore settings;
    private final MailComposer composer;
    private final MailQueue worker;
    private final AuditLog audit;
    private final ZoneId zone;
    private final int maxRecipients;
    private final String configuredAddress;
    private final Clock clock;

    public MailingService(
            Transactions tx,
            MailingStore mailings,
            MailQueueStore queue,
            EventStore events,
            PeerPolicyStore settings,
            MailComposer composer,
            MailQueue worker,
            AuditLog audit,
            ZoneId zone,
            int maxRecipients,
            String configuredAddress,
            Clock clock) {
        this.configuredAddress = configuredAddress == null ? "" : configuredAddress.strip();
        this.tx = tx;
        this.mailings = mailings;
        this.queue = queue;
        this.events = events;
        this.settings = settings;
        this.composer = composer;
        this.worker = worker;
        this.audit = audit;
        this.zone = zone;
        this.maxRecipients = maxRecipients;
        this.clock = clock;
        worker.beforeClaim(this::queueDue);
    }

    public Saved create(Acting who, Input in) {
        NotAllowed.unless(who, Role.ORGANISER);
        List<FieldError> errors = new ArrayList<>();
        Checked checked = check(in, errors);
        if (!errors.isEmpty()) {
            return new Saved.Invalid(errors);
        }
        return tx.inTransaction(c -> {
            MailingId id = mailings.insert(
                    c,
                    checked.purpose(),
                    checked.subject(),
                    checked.markdown(),
                    checked.audience(),
                    who.member(),
                    null,
                    clock.instant());
            audit.record(c, who, "mailing.created", null, "mailing=" + id.value());
            Mailing m = mailings.find(c, id).orElseThrow();
            return new Saved.Done(m, mailings.count(c, m.purpose(), m.audience()));
        });
    }

    public Saved update(Acting who, MailingId id, Input in) {
        NotAllowed.unless(who, Role.ORGANISER);
        List<FieldError> errors = new ArrayList<>();
        Checked checked = check(in, errors);
        if (!errors.isEmpty()) {
            return new Saved.Invalid(errors);
        }
        return tx.inTransaction(c -> {
            Mailing before = mailings.find(c, id).orElseThrow(() -> new RequestRefused.NotFound("No such mailing."));
            if (before.purpose() != checked.purpose() || before.broadcast() != null && !before.editable()) {
                return new Saved.Invalid(List.of(new FieldError("purpose", "A mailing keeps its purpose.")));
            }
            if (!mailings.update(c, id, checked.subject(), checked.markdown(), checked.audience())) {
                return new Saved.Invalid(
                        List.of(new FieldError("subject", "This mailing has gone out and can no longer be changed.")));
            }
            audit.record(c, who, "mailing.edited", null, "mailing=" + id.value());
            Mailing m = mailings.find(c, id).orElseThrow();
            return new Saved.Done(m, mailings.count(c, m.purpose(), m.audience()));
        });
    }

    public Optional<Mailing> find(Acting who, MailingId id) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> mailings.find(c, id));
    }

    public List<Mailing> recent(Acting who, int limit) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> mailings.recent(c, limit));
    }

    /** How many members the mailing reaches if it goes now (or, once queued, how many it was queued for). */
    public int recipients(Mailing m) {
        return m.editable() ? tx.inTransaction(c -> mailings.count(c, m.purpose(), m.audience())) : m.recipients();
    }

    public MailingProgress progress(Mailing m) {
        return m.editable() ? MailingProgress.NONE : tx.inTransaction(c -> mailings.progress(c, m));
    }

    public MailComposer.Preview preview(Mailing m) {
        return composer.preview(m, postalAddress());
    }

    /** Queues the mailing as a test to the organiser themself (their own address, no consent needed). */
    public Sending sendTest(Acting who, MailingId id) {
        NotAllowed.unless(who, Role.ORGANISER);
        if (who.member() == null) {
            return new Sending.Refused("A test goes to the organiser who asks for it: sign in to send one.");
        }
        return tx.inTransaction(c -> {
            Mailing m = mailings.find(c, id).orElseThrow(() -> new RequestRefused.NotFound("No such mailing."));
            queue.enqueue(c, who.member(), MailKind.MAILING_TEST, m.subject(), m.markdown(), null, clock.instant());
            worker.wake();
            return new Sending.Queued(1);
        });
    }

    /** Sends now ({@code at} null or past) or schedules it. */
    public Sending send(Acting who, MailingId id, Instant at) {
        NotAllowed.unless(who, Role.ORGANISER);
        Mailing m = tx.inTransaction(c -> mailings.find(c, id))
                .orElseThrow(() -> new RequestRefused.NotFound("No such mailing."));
        if (!m.editable()) {
            return new Sending.Refused("This mailing has already gone out.");
        }
        if (postalAddress().isBlank()) {
            return new Sending.Refused("Set the branch's postal address for the mail footer first (the law asks for"
                    + " it in every marketing mail): an admin sets it on the mailings page.");
        }
        if (!worker.status().configured()) {
            return new Sending.Refused("No mail server is configured for this node (BRANCHWORK_SMTP_HOST):"
                    + " ask the admin who runs it.");
        }
        int count = recipients(m);
        if (count > maxRecipients) {
            return new Sending.Refused("This mailing would reach " + count + " members; this node sends at most "
                    + maxRecipients + " in one mailing (BRANCHWORK_MAIL_MAX_RECIPIENTS). Narrow the audience.");
        }
        Instant now = clock.instant();
        if (at != null && at.isAfter(now)) {
            boolean done = tx.inTransaction(c -> {
                boolean scheduled = mailings.schedule(c, id, at);
                if (scheduled) {
                    audit.record(c, who, "mailing.scheduled", null, "mailing=" + id.value() + " at=" + at);
                }
                return scheduled;
            });
            worker.wake();
            return done ? new Sending.Scheduled(at) : new Sending.Refused("This mailing has already gone out.");
        }
        Optional<Integer> queued = tx.inTransaction(c -> {
            Optional<Integer> n = mailings.queue(c, m, now);
            if (n.isPresent()) {
                audit.record(c, who, "mailing.sent", null, "mailing=" + id.value() + " recipients=" + n.get());
                if (n.get() == 0) {
                    mailings.finishSent(c); // nobody to wait for: sent now, not "going out" until other mail goes
                }
            }
            return n;
        });
        worker.wake();
        return queued.<Sending>map(Sending.Queued::new)
                .orElseGet(() -> new Sending.Refused("This mailing has already gone out."));
    }

    /**
     * Mails a national broadcast the branch approved, under the branch's name, to its members who
     * consented to national's messages: a mailing of purpose national that names the broadcast,
     * queued now. A second call for the same broadcast sends nothing again.
     *
     * @param who the organiser who approved it, or the API token / auto-approval ({@link Acting#apiToken()})
     */
    public Sending relay(Acting who, long broadcast, String subject, String markdown) {
        NotAllowed.unless(who, Role.ORGANISER);
        Optional<Mailing> existing = tx.inTransaction(c -> mailings.forBroadcast(c, broadcast));
        if (existing.isPresent() && !existing.get().editable()) {
            return new Sending.Refused("This broadcast has already been mailed.");
        }
        List<FieldError> errors = new ArrayList<>();
        Checked checked = check(new Input(subject, markdown, "national", "", "", "", ""), errors);
        if (!errors.isEmpty()) {
            return new Sending.Refused(errors.get(0).message());
        }
        MailingId id = existing.map(Mailing::id)
                .orElseGet(() -> tx.inTransaction(c -> mailings.insert(
                        c,
                        Consent.Purpose.NATIONAL,
                        checked.subject(),
                        checked.markdown(),
                        Audience.EVERYONE,
                        who.member(),
                        broadcast,
                        clock.instant())));
        return send(who, id, null);
    }

    /** The mailing that relays a broadcast, if the branch made one. */
    public Optional<Mailing> forBroadcast(long broadcast) {
        return tx.inTransaction(c -> mailings.forBroadcast(c, broadcast));
    }

    /** Stops a scheduled mailing: it is a draft again. */
    public boolean unschedule(Acting who, MailingId id) {
        NotAllowed.unless(who, Role.ORGANISER);
        return tx.inTransaction(c -> {
            boolean done = mailings.unschedule(c, id);
            if (done) {
                audit.record(c, who, "mailing.unscheduled", null, "mailing=" + id.value());
            }
            return done;
        });
    }

    /** Queues the scheduled mailings whose time has come (the mail queue's first sender calls this). */
    void queueDue() {
        Instant now = clock.instant();
        for (MailingId id : tx.inTransaction(c -> mailings.due(c, now, 10))) {
            tx.inTransaction(c -> {
                Optional<Mailing> m = mailings.find(c, id);
                if (m.isPresent() && mailings.queue(c, m.get(), now).orElse(-1) == 0) {
                    mailings.finishSent(c);
                }
                return null;
            });
        }
    }

    public String postalAddress() {
        return tx.inTransaction(c -> settings.setting(c, POSTAL_ADDRESS)).orElse(configuredAddress);
    }

    public List<FieldError> setPostalAddress(Acting who, String address) {
        NotAllowed.unless(who, Role.ADMIN);
        String a = address == null ? "" : address.strip().replaceAll("\\s*[\\r\\n]+\\s*", ", ");
        if (a.length() > MAX_POSTAL_ADDRESS || a.chars().anyMatch(Character::isISOControl)) {
            return List.of(new FieldError(
                    "postalAddress", "Give the postal address on one or a few lines, at most 300 characters."));
        }
        tx.inTransaction(c -> {
            settings.setSetting(c, POSTAL_ADDRESS, a);
            audit.record(c, who, "settings.postal_address", null, "");
            return null;
        });
        return List.of();
    }

    public MailQueue.ServerStatus server() {
        return worker.status();
    }

    public org.branchwork.node.domain.MailBacklog backlog() {
        return worker.backlog();
    }

    private record Checked(String subject, String markdown, Consent.Purpose purpose, Audience audience) {}

    private Checked check(Input in, List<FieldError> errors) {
        String subject = in.subject() == null ? "" : in.subject().strip();
        if (subject.isEmpty()) {
            errors.add(new FieldError("subject", "Give the mail a subject."));
        } else if (subject.length() > MAX_SUBJECT) {
            errors.add(new FieldError("subject", "A subject is at most " + MAX_SUBJECT + " characters."));
        } else if (subject.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError("subject", "A subject is one line, without control characters."));
        }
        String markdown = in.markdown() == null ? "" : in.markdown().replace("\r\n", "\n");
        if (markdown.isBlank()) {
            errors.add(new FieldError("content", "Write the mail's text."));
        } else if (markdown.length() > MAX_MARKDOWN) {
            errors.add(new FieldError("content", "The text is at most " + MAX_MARKDOWN + " characters."));
        }
        Consent.Purpose purpose = Consent.Purpose.BRANCH;
        String p = in.purpose() == null ? "" : in.purpose().strip().toLowerCase(Locale.ROOT);
        if (p.equals("national")) {
            purpose = Consent.Purpose.NATIONAL;
        } else if (!p.isEmpty() && !p.equals("branch")) {
            errors.add(new FieldError("purpose", "The purpose is branch or national."));
        }
        List<String> tags = List.copyOf(MemberValidation.tags(in.tags() == null ? "" : in.tags(), errors));
        Set<String> postcodes = new LinkedHashSet<>();
        for (String raw : (in.postcodes() == null ? "" : in.postcodes()).split(",")) {
            String prefix = raw.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (prefix.isEmpty()) {
                continue;
            }
            if (!POSTCODE_PREFIX.matcher(prefix).matches()) {
                errors.add(new FieldError(
                        "postcodes",
                        "Postcode prefixes are letters and digits such as SK1 or M20; '" + raw.strip()
                                + "' is not one."));
                break;
            }
            postcodes.add(prefix);
        }
        if (postcodes.size() > MAX_POSTCODES) {
            errors.add(new FieldError("postcodes", "Give at most " + MAX_POSTCODES + " postcode prefixes."));
        }
        Instant joined = null;
        String since = in.joinedSince() == null ? "" : in.joinedSince().strip();
        if (!since.isEmpty()) {
            try {
                joined = LocalDate.parse(since).atStartOfDay(zone).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new FieldError("joinedSince", "Give the date as YYYY-MM-DD, e.g. 2026-01-31."));
            }
        }
        EventId event = null;
        String e = in.event() == null ? "" : in.event().strip();
        if (!e.isEmpty()) {
            try {
                EventId id = EventId.parse(e);
                if (tx.inTransaction(c -> events.find(c, id)).isEmpty()) {
                    errors.add(new FieldError("event", "There is no such event on this node."));
                } else {
                    event = id;
                }
            } catch (IllegalArgumentException bad) {
                errors.add(new FieldError("event", "Choose one of the branch's events."));
            }
        }
        return new Checked(subject, markdown, purpose, new Audience(tags, List.copyOf(postcodes), joined, event));
    }
}
