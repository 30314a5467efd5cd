package org.branchwork.node.service;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.TestClock;
import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.Member;
import org.branchwork.node.domain.Role;
import org.branchwork.node.storage.AuditStore;
import org.branchwork.node.storage.MemberStore;
import org.branchwork.node.storage.SessionStore;
import org.branchwork.node.storage.Transactions;
import org.branchwork.node.testing.MemoryDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** Organisers correcting and erasing members: the role rules hold, and the audit names fields, not values. */
class MemberServiceTest {

    private static final Acting API = Acting.apiToken();

    @RegisterExtension
    final MemoryDatabase db = new MemoryDatabase();

    private final Transactions tx = db.transactions();
    private final TestClock clock = TestClock.startingNow();
    private final MemberStore store = new MemberStore();
    private final AuditStore auditStore = new AuditStore();
    private final MemberService members = new MemberService(
            tx,
            store,
            new SessionService(tx, new SessionStore(), store, new SecureRandom(), clock),
            new AuditLog(tx, auditStore, clock),
            clock);
    private final MemberErasure erasure =
            new MemberErasure(tx, store, new AuditLog(tx, auditStore, clock), (c, m) -> {}, () -> {});

    @Test
    void anOrganiserNeitherErasesNorEditsAnAdminAndTheAuditNamesFieldsNotValues() {
        Member ada = admin("Ada");
        Member jo = member("Jo");
        Acting organiser = new Acting(jo.id(), Role.ORGANISER);
        assertThat(erasure.erase(organiser, ada.id()))
                .extracting(FieldError::message)
                .containsExactly("Only an admin may erase an admin.");
        assertThat(members.updateDetails(organiser, ada.id(), "Mallory", "m@example.org", "SK1 1AA", "", false))
                .extracting(FieldError::message)
                .containsExactly("Only an admin may change an admin's details.");

        Member sam = member("Sam");
        tx.inTransaction(c -> {
            store.confirmEmail(c, sam.id(), clock.instant());
            return null;
        });
        assertThat(members.updateDetails(organiser, sam.id(), "Sam", "sam.new@example.org", "SK1 1AA", "", false))
                .isEmpty();
        Member changed = tx.inTransaction(c -> store.find(c, sam.id())).orElseThrow();
        assertThat(changed.email()).isEqualTo("sam.new@example.org");
        assertThat(changed.emailConfirmedAt())
                .as("the new address is proven at the next sign-in, by a link mailed to it")
                .isNull();
        var entry = tx.inTransaction(c -> auditStore.about(c, sam.id().value())).getLast();
        assertThat(entry.action()).isEqualTo("member.details_changed");
        assertThat(entry.detail()).isEqualTo("email").doesNotContain("@");
        assertThat(members.updateDetails(organiser, sam.id(), "Sam", "JO@example.org", "SK1 1AA", "", false))
                .extracting(FieldError::field)
                .as("another member's address, whatever its case")
                .containsExactly("email");
    }

    @Test
    void consentKeepsItsHistoryAndAWithdrawalStandsAtOnce() {
        Member jo = memberWithConsent("Jo");
        Acting organiser = new Acting(admin("Ada").id(), Role.ADMIN);
        assertThat(members.consents(jo.id()))
                .containsEntry(Consent.Purpose.BRANCH, true)
                .containsEntry(Consent.Purpose.NATIONAL, false);

        Member current = tx.inTransaction(c -> store.find(c, jo.id())).orElseThrow();
        assertThat(members.updateOwnProfile(current, "Jo", "SK1 1AA", "", false, true))
                .isEmpty();
        assertThat(members.consents(jo.id()))
                .containsEntry(Consent.Purpose.BRANCH, false)
                .containsEntry(Consent.Purpose.NATIONAL, true);
        assertThat(tx.inTransaction(c -> store.find(c, jo.id())).orElseThrow().contactConsent())
                .as("the member list's filter follows the withdrawal")
                .isFalse();

        assertThat(members.updateDetails(organiser, jo.id(), "Jo", "jo@example.org", "SK1 1AA", "", true))
                .isEmpty();
        assertThat(members.consentHistory(jo.id()))
                .extracting(Consent::purpose, Consent::granted, Consent::how, Consent::by)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Consent.Purpose.BRANCH, true, Consent.How.ORGANISER, null),
                        org.assertj.core.groups.Tuple.tuple(
                                Consent.Purpose.BRANCH, false, Consent.How.OWN_CHANGE, jo.id()),
                        org.assertj.core.groups.Tuple.tuple(
                                Consent.Purpose.NATIONAL, true, Consent.How.OWN_CHANGE, jo.id()),
                        org.assertj.core.groups.Tuple.tuple(
                                Consent.Purpose.BRANCH, true, Consent.How.ORGANISER, organiser.member()));

        assertThat(erasure.erase(organiser, jo.id())).isEmpty();
        assertThat(members.consentHistory(jo.id())).as("erased with the member").isEmpty();
    }

    private Member memberWithConsent(String name) {
        return switch (members.create(API, name, name.toLowerCase() + "@example.org", "SK1 1AA", "", true, "", "api")) {
            case MemberService.CreateResult.Created c -> c.member();
            case MemberService.CreateResult.Invalid i -> throw new AssertionError(i.errors());
        };
    }

    private Member admin(String name) {
        Member m = member(name);
        assertThat(members.setRole(API, m.id(), Role.ADMIN)).isEmpty();
        return m;
    }

    private Member member(String name) {
        return switch (members.create(
                API, name, name.toLowerCase() + "@example.org", "SK1 1AA", "", false, "", "test")) {
            case MemberService.CreateResult.Created c -> c.member();
            case MemberService.CreateResult.Invalid i -> throw new AssertionError(i.errors());
        };
    }
}
