package org.branchwork.node.service;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.TestClock;
import org.branchwork.node.domain.Consultation;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.ConsultationResult;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.Receipts;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.BallotStore;
import org.branchwork.node.storage.ConsultationStore;
import org.branchwork.node.storage.ElectorateStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.SessionStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.node.testing.MemoryDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Consultations on a real (in-memory) database: one member one vote, refusals store nothing, secrecy in the rows. */
class ConsultationServiceTest {

    private static final Acting API = Acting.apiToken();

    @RegisterExtension
    final MemoryDatabase db = new MemoryDatabase();

    private final Transactions tx = db.transactions();
    private final TestClock clock = TestClock.startingNow();
    private final MemberStore memberStore = new MemberStore();
    private final AuditStore auditStore = new AuditStore();
    private final MemberService members = new MemberService(
            tx,
            memberStore,
            new SessionService(tx, new SessionStore(), memberStore, new SecureRandom(), clock),
            new AuditLog(tx, auditStore, clock),
            clock);
    private int written;
    private int mailWakes;
    private final ConsultationStore store = new ConsultationStore();
    private final ElectorateStore electorate = new ElectorateStore();
    private final BallotMails mails = new BallotMails(
            tx,
            store,
            electorate,
            id -> java.net.URI.create("https://stockport.example/consultations/" + id.value()),
            () -> "Stockport",
            ZoneOffset.UTC,
            clock,
            () -> mailWakes++);
    private final ConsultationService consultations = new ConsultationService(
            tx,
            store,
            electorate,
            new BallotStore(),
            new AuditLog(tx, auditStore, clock),
            ZoneOffset.UTC,
            new SecureRandom(),
            () -> written++,
            clock,
            ConsultationEvents.NONE,
            mails);

    private Consultation create(String method, String kind, String opensIn, String extra) {
        String opens = opensIn == null
                ? null
                : clock.instant().plus(Duration.parse(opensIn)).toString();
        var typed = new ConsultationInput.Typed(
                "Which campaign next?",
                "We pick **one**.",
                List.of("Rent", "Buses", "Libraries"),
                method,
                method.equals("approval") ? "2" : null,
                method.equals("ranked") ? extra : null,
                kind,
                opens,
                clock.instant().plus(Duration.ofDays(7)).toString(),
                null,
                null);
        return switch (consultations.create(API, typed)) {
            case ConsultationService.Saved.Done d -> d.consultation();
            case ConsultationService.Saved.Invalid i -> throw new AssertionError(i.errors());
        };
    }

    private Acting member(String name) {
        Member m = switch (members.create(
                API, name, name.toLowerCase() + "@example.org", "SK1 1AA", "", false, "", "test")) {
            case MemberService.CreateResult.Created c -> c.member();
            case MemberService.CreateResult.Invalid i -> throw new AssertionError(i.errors());
        };
        return new Acting(m.id(), Role.MEMBER);
    }

    private long rows(String table, ConsultationId id) {
        return tx.inTransaction(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE consultation_id = ?")) {
                s.setString(1, id.value());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private String cast(Acting who, Consultation k, String... choices) {
        var v = consultations.vote(who, k.id(), List.of(choices), null);
        assertThat(v).as("%s", v).isInstanceOf(ConsultationService.Voting.Cast.class);
        return ((ConsultationService.Voting.Cast) v).receipt();
    }

    private ConsultationService.Refusal refused(ConsultationService.Voting v) {
        assertThat(v).isInstanceOf(ConsultationService.Voting.Refused.class);
        return ((ConsultationService.Voting.Refused) v).reason();
    }

    @Test
    void oneMemberOneVoteAndTheReceiptAloneChangesIt() {
        Acting ann = member("Ann");
        Acting bob = member("Bob");
        clock.advance(Duration.ofMinutes(1));
        Consultation k = create("single", "advisory", null, null);
        assertThat(consultations.find(ann, k.id()).orElseThrow().electorate())
                .as("frozen at the opening: both, and the API's set-up admin is no member here")
                .isEqualTo(2);

        String receipt = cast(ann, k, "Rent");
        assertThat(Receipts.normalise(receipt)).contains(receipt);
        cast(bob, k, "Buses");
        assertThat(refused(consultations.vote(ann, k.id(), List.of("Buses"), null)))
                .isEqualTo(ConsultationService.Refusal.ALREADY_VOTED);
        assertThat(rows("consultation_ballot", k.id())).isEqualTo(2);

        assertThat(refused(consultations.vote(ann, k.id(), List.of("Buses"), "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")))
                .as("a receipt of no ballot changes nothing")
                .isEqualTo(ConsultationService.Refusal.UNKNOWN_RECEIPT);
        var replaced = consultations.vote(
                ann, k.id(), List.of("Buses"), receipt.toLowerCase().replace("-", " "));
        assertThat(replaced).isEqualTo(new ConsultationService.Voting.Cast(receipt, true));
        assertThat(rows("consultation_ballot", k.id())).isEqualTo(2);

        var standing = consultations.standing(ann, k.id());
        assertThat(standing.result().totals()).containsExactly(0L, 2L, 0L);
        assertThat(standing.ballots()).isEqualTo(2);
        assertThat(consultations.voter(ann, k.id()).votedOn())
                .isEqualTo(clock.instant().atZone(ZoneOffset.UTC).toLocalDate());
        assertThat(consultations.counted(bob, k.id(), receipt)).isTrue();
        assertThat(consultations.counted(bob, k.id(), "BBBB-BBBB-BBBB-BBBB-BBBB-BBBB"))
                .isFalse();
        assertThat(written).isEqualTo(3);
    }

    @Test
    void everyRefusalHasItsReasonAndStoresNothing() {
        Acting ann = member("Ann");
        clock.advance(Duration.ofMinutes(1));
        Consultation later = create("single", "advisory", "PT1H", null);
        assertThat(refused(consultations.vote(ann, later.id(), List.of("Rent"), null)))
                .isEqualTo(ConsultationService.Refusal.NOT_OPEN);

        Consultation k = create("approval", "binding", null, null);
        clock.advance(Duration.ofMinutes(1));
        Acting late = member("Late");
        assertThat(refused(consultations.vote(late, k.id(), List.of("Rent"), null)))
                .isEqualTo(ConsultationService.Refusal.JOINED_AFTER_CUTOFF);
        assertThat(refused(consultations.vote(API, k.id(), List.of("Rent"), null)))
                .as("the admin token votes for no one")
                .isEqualTo(ConsultationService.Refusal.NOT_A_MEMBER);
        assertThat(refused(consultations.vote(ann, k.id(), List.of("Rent", "Buses", "Libraries"), null)))
                .isEqualTo(ConsultationService.Refusal.INVALID_CHOICES);
        assertThat(refused(consultations.vote(ann, k.id(), List.of("Trams"), null)))
                .isEqualTo(ConsultationService.Refusal.INVALID_CHOICES);
        assertThat(refused(consultations.vote(ann, k.id(), List.of("Rent"), "not a code")))
                .isEqualTo(ConsultationService.Refusal.UNKNOWN_RECEIPT);
        assertThat(refused(consultations.vote(ann, k.id(), List.of("Rent"), "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")))
                .as("a receipt before any ballot of hers")
                .isEqualTo(ConsultationService.Refusal.UNKNOWN_RECEIPT);
        clock.advance(Duration.ofDays(8));
        assertThat(refused(consultations.vote(ann, k.id(), List.of("Rent"), null)))
                .isEqualTo(ConsultationService.Refusal.CLOSED);

        assertThat(rows("consultation_ballot", k.id()) + rows("consultation_tally", k.id()))
                .isZero();
        assertThat(consultations.voter(ann, k.id()).votedOn()).isNull();
        assertThat(written).as("only the count's deletion").isEqualTo(1);
    }

    @Test
    void bindingResultsShowAtTheCloseFromTheKeptTallyAndTheBallotsAreDeleted() {
        List<Acting> voters = new ArrayList<>();
        for (String n : List.of("Ann", "Bob", "Cat", "Dan", "Eve")) {
            voters.add(member(n));
        }
        clock.advance(Duration.ofMinutes(1));
        Consultation k = create("ranked", "binding", null, "1");
        List<String> receipts = new ArrayList<>();
        receipts.add(cast(voters.get(0), k, "Rent", "Buses"));
        receipts.add(cast(voters.get(1), k, "Rent"));
        receipts.add(cast(voters.get(2), k, "Buses", "Libraries"));
        receipts.add(cast(voters.get(3), k, "Libraries", "Buses"));
        receipts.add(cast(voters.get(4), k, "Libraries", "Buses"));
        var open = consultations.standing(voters.get(0), k.id());
        assertThat(open.resultsHidden()).isTrue();
        assertThat(open.ballots()).isEqualTo(5);

        assertThatThrownBy(() -> consultations.close(voters.get(0), k.id())).isInstanceOf(NotAllowed.class);
        assertThat(consultations.close(API, k.id())).isTrue();
        var closed = consultations.standing(voters.get(0), k.id());
        // 5 ballots, quota 3: Rent 2, Buses 1, Libraries 2; Buses out, its paper to Libraries: 3.
        var result = (ConsultationResult.Transferable) closed.result();
        assertThat(result.quota()).isEqualTo(3);
        assertThat(result.winners()).containsExactly(2);
        assertThat(closed.consultation().certificate().ballots()).isEqualTo(5);
        assertThat(rows("consultation_ballot", k.id())).as("ballots deleted").isZero();
        assertThat(rows("consultation_tally", k.id())).isEqualTo(4);
        assertThat(closed.receiptsHash())
                .isEqualTo(
                        Receipts.listHash(receipts.stream().map(Receipts::hash).toList()));
        assertThat(consultations.receipts(voters.get(1), k.id()))
                .isSorted()
                .containsExactlyInAnyOrderElementsOf(
                        receipts.stream().map(Receipts::hash).toList());
        assertThat(consultations.counted(voters.get(1), k.id(), receipts.get(3)))
                .as("a receipt checks after the ballots are gone")
                .isTrue();
        assertThat(consultations.votedIn(voters.get(2).member()))
                .extracting(ConsultationService.VotedIn::consultation)
                .containsExactly(k.id());
        List<org.branchwork.node.domain.AuditEvent> audited = tx.inTransaction(c -> auditStore.recent(c, 10, 0));
        assertThat(audited)
                .extracting(org.branchwork.node.domain.AuditEvent::action)
                .contains("consultation.created", "consultation.closed", "consultation.certified");
    }

    /** The queued ballot mails of a consultation, as "kind member-id", in id order. */
    private List<String> ballotMails(ConsultationId id) {
        return tx.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT kind, member_id, body FROM mail_out WHERE consultation_id = ? ORDER BY id")) {
                s.setString(1, id.value());
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getString(3)).contains(BallotMails.LINK);
                        out.add(rs.getString(1) + " " + rs.getLong(2));
                    }
                }
            }
            return out;
        });
    }

    @Test
    void electorsAreInvitedAtTheFreezeAndThoseWhoHaveNotVotedRemindedOnceInTheLastDay() {
        Acting ann = member("Ann");
        Acting bob = member("Bob");
        clock.advance(Duration.ofMinutes(1));
        Consultation k = create("single", "advisory", "PT1H", null);
        assertThat(ballotMails(k.id()))
                .as("nobody is invited before the opening")
                .isEmpty();
        clock.advance(Duration.ofHours(1));
        consultations.settleDue();
        assertThat(ballotMails(k.id()))
                .containsExactly(
                        "ballot_invitation " + ann.member().value(),
                        "ballot_invitation " + bob.member().value());
        assertThat(mailWakes).isEqualTo(1);
        consultations.settleDue();
        assertThat(ballotMails(k.id())).as("settled once, invited once").hasSize(2);

        cast(ann, k, "Rent");
        assertThat(mails.remindDue()).as("a week from the close").isZero();
        clock.advance(Duration.ofDays(6).minusHours(1).plusMinutes(1)); // 23h59m before the close
        assertThat(mails.remindDue()).isEqualTo(1);
        assertThat(mails.remindDue()).as("once").isZero();
        assertThat(ballotMails(k.id()))
                .endsWith("ballot_reminder " + bob.member().value());
        assertThat(ballotMails(k.id())).hasSize(3);
    }

    @Test
    void aConsultationOpenedWithinHalfADayOfItsLastDayRemindsNobody() {
        member("Ann");
        clock.advance(Duration.ofMinutes(1));
        var typed = new ConsultationInput.Typed(
                "A quick one?",
                "We decide **today**.",
                List.of("Yes", "No"),
                "single",
                null,
                null,
                "advisory",
                null,
                clock.instant().plus(Duration.ofHours(30)).toString(),
                null,
                null);
        Consultation k = switch (consultations.create(API, typed)) {
            case ConsultationService.Saved.Done d -> d.consultation();
            case ConsultationService.Saved.Invalid i -> throw new AssertionError(i.errors());
        };
        consultations.settleDue();
        assertThat(ballotMails(k.id())).hasSize(1);
        clock.advance(Duration.ofHours(7)); // 23 h before the close, invited 7 h ago
        assertThat(mails.remindDue()).isZero();
        clock.advance(Duration.ofHours(6)); // invited 13 h ago, 17 h before the close
        assertThat(mails.remindDue()).isEqualTo(1);
        clock.advance(Duration.ofHours(18));
        consultations.settleDue();
        assertThat(mails.remindDue()).as("closed").isZero();
        assertThat(ballotMails(k.id())).hasSize(2);
    }

    @Test
    void aVotingLinkCastsOneBallotForItsMemberAndNothingAfterIt() {
        Acting ann = member("Ann");
        clock.advance(Duration.ofMinutes(1));
        Consultation k = create("single", "advisory", null, null);
        clock.advance(Duration.ofMinutes(1));
        Acting late = member("Late");
        MailLinks.Ballot link = new MailLinks.Ballot(ann.member(), k.id());
        assertThat(consultations.linked(link).orElseThrow().voter().onRoll()).isTrue();

        var v = consultations.voteByLink(link, List.of("Buses"));
        assertThat(v).isInstanceOf(ConsultationService.Voting.Cast.class);
        assertThat(consultations.linked(link).orElseThrow().voter().votedOn()).isNotNull();
        var again = consultations.voteByLink(link, List.of("Rent"));
        assertThat(refused(again)).isEqualTo(ConsultationService.Refusal.ALREADY_VOTED);
        assertThat(((ConsultationService.Voting.Refused) again).message()).startsWith("This voting link has been used");
        assertThat(rows("consultation_ballot", k.id())).isEqualTo(1);

        MailLinks.Ballot notOnRoll = new MailLinks.Ballot(late.member(), k.id());
        assertThat(refused(consultations.voteByLink(notOnRoll, List.of("Rent"))))
                .isEqualTo(ConsultationService.Refusal.JOINED_AFTER_CUTOFF);
        assertThat(consultations.linked(new MailLinks.Ballot(ann.member(), ConsultationId.random())))
                .isEmpty();
        assertThat(rows("consultation_ballot", k.id())).isEqualTo(1);
    }

    @Test
    void aNewConsultationIsRefusedWithEveryProblemNamed() {
        var typed = new ConsultationInput.Typed(
                "",
                " ",
                List.of("Yes", "yes"),
                "borda",
                null,
                null,
                "maybe",
                "tomorrow",
                clock.instant().minusSeconds(5).toString(),
                null,
                "2");
        var r = consultations.create(API, typed);
        assertThat(r).isInstanceOf(ConsultationService.Saved.Invalid.class);
        assertThat(((ConsultationService.Saved.Invalid) r).errors())
                .extracting(FieldError::field)
                .contains("title", "content", "options", "method", "kind", "opensAt", "closesAt", "quorum");
        assertThatThrownBy(() -> consultations.create(member("Ann"), typed)).isInstanceOf(NotAllowed.class);
    }
}
