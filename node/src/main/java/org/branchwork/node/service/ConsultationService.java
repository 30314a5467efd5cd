package org.branchwork.node.service;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationCount;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.ConsultationResult;
import org.branchwork.node.domain.Lot;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.domain.Receipts;
import org.branchwork.node.domain.Role;
import org.branchwork.node.domain.Tally;
import org.branchwork.node.domain.VotingMethod;
import org.branchwork.node.storage.BallotStore;
import org.branchwork.node.storage.ConsultationStore;
import org.branchwork.node.storage.ElectorateStore;
import org.branchwork.node.storage.Transactions;

/**
 * Consultations on this node: organisers create and close them; members vote, secretly (the mark
 * that a member voted and the ballot are written by different stores with nothing linking them:
 * docs/decisions/0004-ballot-secrecy.md), change their vote with their receipt until the close,
 * and check their receipt afterwards. The clock drives the rest, settled when a consultation is
 * next read ({@link #settle}): at the opening the electorate is frozen; at the close the ballots
 * are counted, the counts per ranking and the receipts' hashes kept, and the ballots deleted.
 * Advisory results are live; binding ones show only once closed. The audit log records creation,
 * closing and the count, never a vote.
 */
public final class ConsultationService {

    /** A ballot written or refused. */
    public sealed interface Voting {
        /** Stored: the receipt code to show the voter once; {@code replaced} when it changed an earlier ballot. */
        record Cast(String receipt, boolean replaced) implements Voting {}

        /** Not stored, and why, in words for the voter. */
        record Refused(Refusal reason, String message) implements Voting {}
    }

    /** Why a ballot was refused. */
    public enum Refusal {
        /** The admin token, or anyone not signed in as a member. */
        NOT_A_MEMBER,
        NOT_OPEN,
        CLOSED,
        NOT_ON_ROLL,
        JOINED_AFTER_CUTOFF,
        ALREADY_VOTED,
        UNKNOWN_RECEIPT,
        INVALID_CHOICES
    }

    /**
     * A consultation as it stands at a moment: its state, the electorate (null until frozen), the
     * ballots cast, the result (null while a binding one is open), whether the quorum is met (null
     * without a quorum or before the freeze), and the receipts hash over the ballots so far.
     */
    public record Standing(
            Consultation consultation,
            Consultation.State state,
            Integer electorate,
            long ballots,
            ConsultationResult result,
            Boolean quorate,
            String receiptsHash) {

        public boolean resultsHidden() {
            return result == null;
        }
    }

    /** Where the acting member stands: on the roll or not (and why), and the day they voted. */
    public record Voter(boolean onRoll, LocalDate votedOn, String whyNot) {}

    private final Transactions tx;
    private final ConsultationStore consultations;
    private final ElectorateStore electorate;
    private final BallotStore ballots;
    private final AuditLog audit;
    private final ConsultationInput input;
    private final SecureRandom random;
    private final Runnable ballotsWritten;
    private final Clock clock;
    private final ConsultationEvents events;
    private final BallotMails mails;

    /**
     * @param events         the network side: told of openings, counts and ballots
     *                       ({@link ConsultationEvents#NONE} for a node on its own)
     * @param mails          the electors' invitations (queued as the electorate is frozen) and reminders
     * @param ballotsWritten run after a transaction that wrote or deleted ballots commits (the
     *                       node checkpoints the database soon after: storage.VoteCheckpoints)
     */
    public ConsultationService(
            Transactions tx,
            ConsultationStore consultations,
            ElectorateStore electorate,
            BallotStore ballots,
            AuditLog audit,
            java.time.ZoneId zone,
            SecureRandom random,
            Runnable ballotsWritten,
            Clock clock,
            ConsultationEvents events,
            BallotMails mails) {
        this.events = events;
        this.mails = mails;
        this.tx = tx;
        this.consultations = consultations;
        this.electorate = electorate;
        this.ballots = ballots;
        this.audit = audit;
        this.input = new ConsultationInput(zone, clock);
        this.random = random;
        this.ballotsWritten = ballotsWritten;
        this.clock = clock;
    }

    /** A new consultation, or every problem with what was typed. */
    public sealed interface Saved {
        record Done(Consultation consultation) implements Saved {}

        record Invalid(List<FieldError> errors) implements Saved {}
    }

    public Saved create(Acting who, ConsultationInput.Typed typed) {
        NotAllowed.unless(who, Role.ORGANISER);
        List<FieldError> errors = new ArrayList<>();
        Consultation k = input.check(typed, who.member(), errors);
        if (!errors.isEmpty()) {
            return new Saved.Invalid(errors);
        }
        tx.inTransaction(c -> {
            consultations.insert(c, k);
            events.created(c, k);
            audit.record(c, who, "consultation.created", null, "consultation=" + k.id().value());
            return null;
        });
        return new Saved.Done(settle(k.id()));
    }

    /** The latest consultations, each settled to the clock. */
    public List<Consultation> list(Acting who) {
        NotAllowed.unless(who, Role.MEMBER);
        List<ConsultationId> due = tx.inTransaction(c -> consultations.due(c, clock.instant()));
        due.forEach(this::settle);
        return tx.inTransaction(c -> consultations.recent(c, 200));
    }

    public Optional<Consultation> find(Acting who, ConsultationId id) {
        NotAllowed.unless(who, Role.MEMBER);
        if (tx.inTransaction(c -> consultations.find(c, id)).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(settle(id));
    }

    /** The consultation's standing now; the result only where it may be shown. */
    public Standing standing(Acting who, ConsultationId id) {
        Consultation k = find(who, id).orElseThrow(() -> new RequestRefused.NotFound("No such consultation."));
        Instant now = clock.instant();
        return tx.inTransaction(c -> {
            boolean counted = k.certificate() != null;
            List<Tally.Line> lines = counted ? ballots.kept(c, id) : ballots.live(c, id);
            Tally tally = new Tally(k.options().size(), lines);
            String hash = counted ? k.certificate().receiptsHash() : Receipts.listHash(ballots.receiptHashes(c, id));
            ConsultationResult result = k.resultsVisible(now) ? count(k, tally, hash) : null;
            Boolean quorate = k.quorum() == null || k.electorate() == null
                    ? null
                    : tally.ballots() >= Math.ceil(k.quorum() * k.electorate());
            return new Standing(k, k.state(now), k.electorate(), tally.ballots(), result, quorate, hash);
        });
    }

    /**
     * The count's lots are drawn from the receipts hash once counted (unknown to anyone before the
     * close, published after it, so anyone can draw them again); while live, from the id.
     */
    private static ConsultationResult count(Consultation k, Tally tally, String receiptsHash) {
        String seed = k.certificate() != null ? receiptsHash : "live:" + k.id().value();
        return ConsultationCount.count(k.method(), tally, Lot.seeded(seed));
    }

    /** The receipts' hashes, sorted, as the receipts hash is computed over them. */
    public List<String> receipts(Acting who, ConsultationId id) {
        find(who, id).orElseThrow(() -> new RequestRefused.NotFound("No such consultation."));
        return tx.inTransaction(c -> ballots.receiptHashes(c, id));
    }

    /** Where the acting member stands in this consultation. */
    public Voter voter(Acting who, ConsultationId id) {
        Consultation k = find(who, id).orElseThrow(() -> new RequestRefused.NotFound("No such consultation."));
        if (who.member() == null) {
            return new Voter(false, null, "Only members signed in on this node vote.");
        }
        return voter(k, who.member());
    }

    /** A consultation and where its elector stands, for the page their mailed voting link opens. */
    public record Linked(Consultation consultation, Voter voter) {}

    /** What a voting link (already checked by {@link MailLinks}) opens; empty once the consultation is gone. */
    public Optional<Linked> linked(MailLinks.Ballot link) {
        if (tx.inTransaction(c -> consultations.find(c, link.consultation())).isEmpty()) {
            return Optional.empty();
        }
        Consultation k = settle(link.consultation());
        return Optional.of(new Linked(k, voter(k, link.member())));
    }

    private Voter voter(Consultation k, MemberId member) {
        ConsultationId id = k.id();
        if (k.electorate() == null) {
            return new Voter(false, null, "The electorate is fixed when the consultation opens.");
        }
        return tx.inTransaction(c -> {
            Optional<ElectorateStore.Elector> e = electorate.find(c, id, member);
            if (e.isPresent()) {
                return new Voter(true, e.get().votedOn(), null);
            }
            return new Voter(false, null, notOnRoll(c, k, member).message());
        });
    }

    /**
     * Casts a ballot, or with {@code receipt} replaces the ballot that has it. Only a member signed
     * in (never the API token), on the roll, while the consultation is open; one ballot each.
     * A refusal stores nothing.
     */
    public Voting vote(Acting who, ConsultationId id, List<String> choices, String receipt) {
        if (who == null) {
            throw new RequestRefused.NotSignedIn("Sign in to vote.");
        }
        if (who.member() == null) {
            return new Voting.Refused(
                    Refusal.NOT_A_MEMBER,
                    "Ballots are cast by members signed in on this node; the admin token cannot vote for anyone.");
        }
        Consultation settled = find(who, id).orElseThrow(() -> new RequestRefused.NotFound("No such consultation."));
        return cast(settled, who.member(), choices, receipt, false);
    }

    /**
     * A first ballot through the elector's mailed link (checked by {@link MailLinks}): used once, it
     * casts nothing more; a change needs the receipt code, from a signed-in session.
     */
    public Voting voteByLink(MailLinks.Ballot link, List<String> choices) {
        Consultation settled = linked(link)
                .orElseThrow(() -> new RequestRefused.NotFound("No such consultation."))
                .consultation();
        return cast(settled, link.member(), choices, null, true);
    }

    private Voting cast(Consultation settled, MemberId member, List<String> choices, String receipt, boolean link) {
        ConsultationId id = settled.id();
        List<String> problems = new ArrayList<>();
        List<Integer> ranking = ConsultationInput.ranking(settled, choices, problems);
        if (!problems.isEmpty()) {
            return new Voting.Refused(Refusal.INVALID_CHOICES, String.join(" ", problems));
        }
        Optional<String> code = Optional.empty();
        if (receipt != null && !receipt.isBlank()) {
            code = Receipts.normalise(receipt);
            if (code.isEmpty()) {
                return new Voting.Refused(
                        Refusal.UNKNOWN_RECEIPT,
                        "That is not a receipt code: it is six groups of four letters and digits, as you were shown.");
            }
        }
        Optional<String> given = code;
        Voting v = tx.inTransaction(c -> {
            // The row lock orders ballots against the count: none lands after the ballots were counted.
            consultations.lock(c, id);
            Consultation k = consultations.find(c, id).orElseThrow();
            Instant now = clock.instant();
            if (k.state(now) == Consultation.State.SCHEDULED) {
                return new Voting.Refused(Refusal.NOT_OPEN, "This consultation is not open yet; no ballot was stored.");
            }
            if (k.state(now) == Consultation.State.CLOSED || k.certificate() != null) {
                return new Voting.Refused(Refusal.CLOSED, "This consultation has closed; no ballot was stored.");
            }
            Optional<ElectorateStore.Elector> e = electorate.find(c, id, member);
            if (e.isEmpty()) {
                return notOnRoll(c, k, member);
            }
            if (link && e.get().voted()) {
                return new Voting.Refused(
                        Refusal.ALREADY_VOTED,
                        "This voting link has been used: you voted on "
                                + e.get().votedOn()
                                + ". To change your vote, sign in and give your receipt code with your new choices.");
            }
            if (given.isPresent()) {
                if (!e.get().voted()) {
                    return new Voting.Refused(
                            Refusal.UNKNOWN_RECEIPT,
                            "You have not voted in this consultation yet, so there is no ballot of yours to change.");
                }
                if (!ballots.replace(c, id, Receipts.hash(given.get()), ranking)) {
                    return new Voting.Refused(
                            Refusal.UNKNOWN_RECEIPT,
                            "No ballot in this consultation has that receipt code; nothing was changed.");
                }
                return new Voting.Cast(given.get(), true);
            }
            if (e.get().voted() || !electorate.markVoted(c, id, member, LocalDate.ofInstant(now, ZoneOffset.UTC))) {
                return new Voting.Refused(
                        Refusal.ALREADY_VOTED,
                        "You have already voted in this consultation: one member, one vote. To change your vote,"
                                + " give the receipt code you were shown with your new choices.");
            }
            String fresh = Receipts.newCode(random);
            ballots.insert(c, id, Receipts.hash(fresh), ranking);
            return new Voting.Cast(fresh, false);
        });
        if (v instanceof Voting.Cast) {
            ballotsWritten.run();
            events.ballotsChanged(id);
        }
        return v;
    }

    private Voting.Refused notOnRoll(Connection c, Consultation k, MemberId member) throws SQLException {
        return switch (electorate.whyNot(c, member, k.electorateCutoff())) {
            case JOINED_AFTER_CUTOFF ->
                new Voting.Refused(
                        Refusal.JOINED_AFTER_CUTOFF,
                        "You joined after this consultation's electorate cut-off (" + k.electorateCutoff()
                                + "), so you cannot vote in it; no ballot was stored.");
            case NOT_CONFIRMED_BY_CUTOFF, NO_SUCH_MEMBER ->
                new Voting.Refused(
                        Refusal.NOT_ON_ROLL,
                        "You are not on this consultation's electorate (members whose address was confirmed"
                                + " before the cut-off); no ballot was stored.");
        };
    }

    /** Whether a ballot with this receipt is counted (among the ballots, or among those kept at the count). */
    public boolean counted(Acting who, ConsultationId id, String receipt) {
        find(who, id).orElseThrow(() -> new RequestRefused.NotFound("No such consultation."));
        Optional<String> code = Receipts.normalise(receipt);
        return code.isPresent() && tx.inTransaction(c -> ballots.hasReceipt(c, id, Receipts.hash(code.get())));
    }

    /** Closes an open (or scheduled) consultation now, and counts it; false when it had closed already. */
    public boolean close(Acting who, ConsultationId id) {
        NotAllowed.unless(who, Role.ORGANISER);
        boolean closed = tx.inTransaction(c -> {
            consultations.lock(c, id);
            if (consultations.find(c, id).isEmpty()) {
                throw new RequestRefused.NotFound("No such consultation.");
            }
            boolean done = consultations.closeNow(c, id, clock.instant());
            if (done) {
                audit.record(c, who, "consultation.closed", null, "consultation=" + id.value());
            }
            return done;
        });
        settle(id);
        return closed;
    }

    /** Which consultations a member voted in and on what day, for their own data export (never how). */
    public List<VotedIn> votedIn(MemberId member) {
        return tx.inTransaction(c -> electorate.votedIn(c, member)).stream()
                .map(v -> new VotedIn(v.consultation(), v.title(), v.on()))
                .toList();
    }

    /** That a member voted in a consultation, and on which day. */
    public record VotedIn(ConsultationId consultation, String title, LocalDate on) {}

    /** Brings every consultation due to open or close up to the clock (a sweep, not a member's request). */
    public void settleDue() {
        tx.inTransaction(c -> consultations.due(c, clock.instant())).forEach(this::settle);
    }

    /**
     * Brings a consultation up to the clock, once, under its row lock: freezes the electorate at the
     * opening; at the close counts it, keeps the counts per ranking and the receipts' hashes, deletes
     * the ballots and records the certificate.
     */
    Consultation settle(ConsultationId id) {
        Instant now = clock.instant();
        Consultation k = tx.inTransaction(c -> consultations.find(c, id)).orElseThrow();
        boolean freeze = k.electorate() == null && !now.isBefore(k.opensAt());
        boolean certify = k.certificate() == null && !now.isBefore(k.closesAt());
        if (!freeze && !certify) {
            return k;
        }
        Settled done = tx.inTransaction(c -> {
            consultations.lock(c, id);
            Consultation now1 = consultations.find(c, id).orElseThrow();
            boolean invited = false;
            if (now1.electorate() == null && !now.isBefore(now1.opensAt()) && !events.awaitingTakeUp(c, id)) {
                consultations.frozen(c, id, electorate.freeze(c, id, now1.electorateCutoff()), now);
                // Invited only while it is still open: a roll frozen at the close has nothing to vote in.
                invited = now.isBefore(now1.closesAt()) && mails.invite(c, now1, now) > 0;
            }
            if (now1.certificate() == null && !now.isBefore(now1.closesAt())) {
                String hash = Receipts.listHash(ballots.receiptHashes(c, id));
                long counted = ballots.keepTallyAndDeleteBallots(c, id);
                consultations.certified(c, id, new Consultation.Certificate(now, counted, hash, now));
                events.certified(
                        c,
                        consultations.find(c, id).orElseThrow(),
                        new Tally(now1.options().size(), ballots.kept(c, id)),
                        hash);
                audit.record(
                        c,
                        null,
                        "consultation.certified",
                        null,
                        "consultation=" + id.value() + " ballots=" + counted + " receipts=" + hash);
                return new Settled(true, invited);
            }
            return new Settled(false, invited);
        });
        if (done.ballotsDeleted()) {
            ballotsWritten.run();
        }
        if (done.invited()) {
            mails.wake();
        }
        return tx.inTransaction(c -> consultations.find(c, id)).orElseThrow();
    }

    /** What bringing a consultation up to the clock did, for the work that follows its commit. */
    private record Settled(boolean ballotsDeleted, boolean invited) {}

    /** Which options a method lets a member mark, for pages: how many at most. */
    public static int maxMarks(Consultation k) {
        return switch (k.method()) {
            case VotingMethod.Single s -> 1;
            case VotingMethod.Approval a -> a.maxChoices();
            case VotingMethod.Ranked r -> k.options().size();
        };
    }
}
