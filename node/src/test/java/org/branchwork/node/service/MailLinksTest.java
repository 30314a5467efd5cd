package org.branchwork.node.service;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.branchwork.node.domain.Consent;
import org.branchwork.node.domain.ConsultationId;
import org.branchwork.node.domain.MemberId;
import org.branchwork.node.storage.PeerPolicyStore;
import org.branchwork.node.testing.MemoryDatabase;

import static org.assertj.core.api.Assertions.assertThat;

/** The links in mails name exactly what they were made for, and nothing a changed byte could make. */
class MailLinksTest {

    @RegisterExtension
    final MemoryDatabase db = new MemoryDatabase();

    private MailLinks links() {
        return new MailLinks(db.transactions(), new PeerPolicyStore(), new SecureRandom());
    }

    private static final String RSVP = "0f8e2c0a-1b2c-4d5e-8f90-a1b2c3d4e5f6";
    private static final ConsultationId VOTE = new ConsultationId("7d3c1f9e-2a4b-4c6d-9e8f-0a1b2c3d4e5f");

    @Test
    void eachKindReadsBackWhatItNamesAndTheKeyOutlivesTheObject() {
        MailLinks links = links();
        String unsubscribe = links.unsubscribeToken(new MemberId(42), Consent.Purpose.NATIONAL);
        assertThat(links.unsubscribe(unsubscribe))
                .contains(new MailLinks.Unsubscribe(new MemberId(42), Consent.Purpose.NATIONAL));
        assertThat(links.rsvp(links.rsvpToken(RSVP))).contains(RSVP);
        String ballot = links.ballotToken(new MemberId(7), VOTE);
        assertThat(links.ballot(ballot)).contains(new MailLinks.Ballot(new MemberId(7), VOTE));
        assertThat(links().ballot(ballot))
                .as("the key is kept in the database, so a restart reads the same links")
                .contains(new MailLinks.Ballot(new MemberId(7), VOTE));
    }

    @Test
    void aChangedNameOrMacOrAnotherKindsTokenNamesNothing() {
        MailLinks links = links();
        String ballot = links.ballotToken(new MemberId(7), VOTE);
        String mac = ballot.substring(ballot.lastIndexOf('.') + 1);
        assertThat(links.ballot("8." + VOTE.value() + "." + mac))
                .as("another member")
                .isEmpty();
        assertThat(links.ballot(ballot.substring(0, ballot.length() - 1) + (ballot.endsWith("A") ? "B" : "A")))
                .isEmpty();
        assertThat(links.ballot(ballot + "A")).isEmpty();
        assertThat(links.ballot(ballot.substring(0, ballot.lastIndexOf('.'))))
                .as("no MAC")
                .isEmpty();
        String unsubscribe = links.unsubscribeToken(new MemberId(42), Consent.Purpose.BRANCH);
        assertThat(links.ballot(unsubscribe)).isEmpty();
        assertThat(links.rsvp(ballot)).isEmpty();
        assertThat(links.ballot(null)).isEmpty();
        assertThat(links.unsubscribe("")).isEmpty();
        assertThat(links.rsvp(".")).isEmpty();
    }
}
