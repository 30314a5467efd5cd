package org.branchwork.node.mail;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.branchwork.node.config.MailConfig;
import org.branchwork.node.service.Mailer;

/** Sends mail through the configured SMTP server with Jakarta Mail (Eclipse Angus). */
public final class SmtpMailer implements Mailer {

    private final Session session;
    private final InternetAddress from;

    public SmtpMailer(MailConfig config) {
        this.session = SmtpSessions.session(config);
        this.from = SmtpSessions.address(config.from());
    }

    @Override
    public void send(Mail mail) {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(from);
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(Instant.now()));
            Transport.send(message);
        } catch (MessagingException e) {
            throw new MailFailure("The mail server did not take the mail: " + e.getMessage(), e);
        }
    }
}
