package org.branchwork.node.mail;

import jakarta.mail.Address;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

import org.branchwork.node.service.MailTransport;

import static org.assertj.core.api.Assertions.assertThat;

/** What a failed send means: the server's reply code decides; without one the mail is put off and counted. */
class SmtpTransportAnswerTest {

    private static SendFailedException wrapping(Exception next) {
        return new SendFailedException("Invalid Addresses", next);
    }

    @Test
    void aRecipientRefusedFor5xxIsRefusedAnd4xxIsPutOff() throws Exception {
        InternetAddress to = new InternetAddress("ann@example.org");
        assertThat(SmtpTransport.answer(
                        wrapping(new SMTPAddressFailedException(to, "RCPT TO", 550, "550 no such user"))))
                .isInstanceOf(MailTransport.Outcome.Refused.class);
        assertThat(SmtpTransport.answer(wrapping(new SMTPAddressFailedException(to, "RCPT TO", 451, "451 greylisted"))))
                .isInstanceOf(MailTransport.Outcome.TryLater.class);
    }

    @Test
    void aMessageRefusedAtDataFollowsItsCode() throws AddressException {
        Address[] none = new Address[0];
        assertThat(SmtpTransport.answer(new SMTPSendFailedException("DATA", 554, "554 spam", null, none, none, none)))
                .isInstanceOf(MailTransport.Outcome.Refused.class);
        assertThat(SmtpTransport.answer(new SMTPSendFailedException("DATA", 452, "452 full", null, none, none, none)))
                .isInstanceOf(MailTransport.Outcome.TryLater.class);
    }

    @Test
    void aFailureWithoutAReplyCodeIsPutOffAndCountedSoItCannotStallTheQueue() {
        // What Angus throws when the socket is cut mid-mail: no SMTP reply to go by.
        SendFailedException cut = new SendFailedException("Sending failed", new java.net.SocketException("reset"));
        assertThat(SmtpTransport.answer(cut)).isInstanceOf(MailTransport.Outcome.TryLater.class);
    }
}
