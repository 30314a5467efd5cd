package org.branchwork.node.service;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.MailKind;
import org.branchwork.node.storage.ConsultationStore;
import org.branchwork.node.storage.ElectorateStore;
import org.branchwork.node.storage.Transactions;

/**
 * A consultation's mails to its electors, through the mail queue: the invitation with each
 * elector's own voting link when the electorate is frozen (in the freeze's transaction, so no
 * elector is missed or invited twice), and one reminder in the last day to those who have not
 * voted. Electors are told because they are on the roll, as an event's mails go to those who
 * answered it: no marketing consent is asked, and the mails say nothing but the vote. The link is
 * made as the mail goes ({@link MailComposer}), so the whole roll is queued by one statement.
 */
public final class BallotMails {

    /** How long before the close the reminder goes. */
    public static final Duration REMINDER_AHEAD = Duration.ofHours(24);

    /** Invited less than this long ago: the invitation is reminder enough, for now. */
    public static final Duration REMINDER_NOTICE = Duration.ofHours(12);

    /** Where the elector's own voting link goes in the text; {@link MailComposer} puts it there. */
    static final String LINK = "{ballot-link}";

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);

    private final Transactions tx;
    private final ConsultationStore consultations;
    private final ElectorateStore electorate;
    private final Function<ConsultationId, URI> pageOf;
    private final Supplier<String> branchName;
    private final ZoneId zone;
    private final Clock clock;
    private final Runnable wake;

    public BallotMails(
            Transactions tx,
            ConsultationStore consultations,
            ElectorateStore electorate,
            Function<ConsultationId, URI> pageOf,
            Supplier<String> branchName,
            ZoneId zone,
            Clock clock,
            Runnable wake) {
        this.tx = tx;
        this.consultations = consultations;
        this.electorate = electorate;
        this.pageOf = pageOf;
        this.branchName = branchName;
        this.zone = zone;
        this.clock = clock;
        this.wake = wake;
    }

    /** Queues every elector's invitation, in the caller's transaction (the freeze's); how many. */
    int invite(Connection c, Consultation k, Instant now) throws SQLException {
        return electorate.queueMail(
                c,
                k.id(),
                MailKind.BALLOT_INVITATION,
                "Your vote: " + k.title(),
                branchName.get() + " asks its members: " + k.title() + ".\n\nVoting is open until "
                        + WHEN.format(k.closesAt().atZone(zone)) + " (" + zone.getId() + ")." + howToVote(k),
                now,
                false);
    }

    /**
     * Reminds the electors who have not voted, once per consultation, in its last {@link
     * #REMINDER_AHEAD}; not where the invitation went less than {@link #REMINDER_NOTICE} ago.
     */
    public int remindDue() {
        Instant now = clock.instant();
        List<ConsultationId> due = tx.inTransaction(
                c -> consultations.dueForReminder(c, now, now.plus(REMINDER_AHEAD), now.minus(REMINDER_NOTICE)));
        int queued = 0;
        for (ConsultationId id : due) {
            queued += tx.inTransaction(c -> {
                // The row lock orders the reminder against ballots: who is reminded has not voted.
                consultations.lock(c, id);
                Consultation k = consultations.find(c, id).orElse(null);
                // Closed meanwhile (an organiser's close): no reminder to vote in what cannot be voted in.
                if (k == null
                        || k.certificate() != null
                        || k.state(now) != Consultation.State.OPEN
                        || !consultations.reminded(c, id, now)) {
                    return 0;
                }
                return electorate.queueMail(
                        c,
                        id,
                        MailKind.BALLOT_REMINDER,
                        "Last day to vote: " + k.title(),
                        "You have not voted yet in " + branchName.get() + "'s consultation: " + k.title()
                                + ".\n\nVoting closes on "
                                + WHEN.format(k.closesAt().atZone(zone)) + " ("
                                + zone.getId() + ")." + howToVote(k),
                        now,
                        true);
            });
        }
        if (queued > 0) {
            wake.run();
        }
        return queued;
    }

    /** Tells the mail queue there is work, after the freeze's transaction committed. */
    void wake() {
        wake.run();
    }

    private String howToVote(Consultation k) {
        return "\n\nYour own voting link (it casts your ballot, so keep it to yourself):\n" + LINK
                + "\n\nOr sign in and vote on the consultation's page: " + pageOf.apply(k.id())
                + "\n\nYour vote is secret: the branch keeps that you voted, and on which day, never how."
                + " You get this because you are on this consultation's electorate.";
    }
}
