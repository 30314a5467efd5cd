package org.branchwork.node.mail;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;

import org.branchwork.node.config.MailConfig;
import org.branchwork.node.service.MailTransport;

/**
 * The mail queue's SMTP connection (Jakarta Mail, Eclipse Angus): one connection per batch, each
 * mail answered from the server's reply code. Multipart text and HTML, an attached calendar, the
 * RFC 8058 unsubscribe headers, a {@code Message-ID} and {@code Date}, the return path as the
 * envelope sender, and a DKIM signature when the operator gave a key (Simple Java Mail's DKIM
 * library; without one the relay signs, if it does).
 */
public final class SmtpTransport implements MailTransport {

    private final MailConfig config;
    private final Session session;
    private final InternetAddress from;
    private final Optional<DkimSigner> dkim;
    private final Clock clock;

    public SmtpTransport(MailConfig config, Clock clock) {
        this.config = config;
        this.session = SmtpSessions.session(config);
        this.from = SmtpSessions.address(config.from());
        this.clock = clock;
        this.dkim = config.dkim().map(d -> {
            DkimSigner signer =
                    new DkimSigner(d.domain().orElse(domainOf(from.getAddress())), d.selector(), privateKey(d.key()));
            signer.setIdentity(from.getAddress());
            return signer;
        });
    }

    /** A PKCS#8 RSA key, PEM ({@code BEGIN PRIVATE KEY}) or DER. */
    static java.security.interfaces.RSAPrivateKey privateKey(java.nio.file.Path file) {
        try {
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            String text = new String(bytes, StandardCharsets.US_ASCII);
            if (text.contains("-----BEGIN")) {
                if (!text.contains("BEGIN PRIVATE KEY")) {
                    throw new IllegalArgumentException(
                            "The DKIM key must be PKCS#8 (BEGIN PRIVATE KEY); convert it with "
                                    + "openssl pkcs8 -topk8 -nocrypt.");
                }
                bytes = java.util.Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", ""));
            }
            return (java.security.interfaces.RSAPrivateKey) java.security.KeyFactory.getInstance("RSA")
                    .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(bytes));
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("The DKIM key in " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean configured() {
        return true;
    }

    @Override
    public Connection open() throws Unavailable {
        try {
            Transport t = session.getTransport();
            t.connect();
            return new Smtp(t);
        } catch (MessagingException e) {
            throw new Unavailable(reason(e), e);
        }
    }

    private final class Smtp implements Connection {
        private final Transport transport;

        Smtp(Transport transport) {
            this.transport = transport;
        }

        @Override
        public Outcome send(OutgoingMail mail) throws Unavailable {
            MimeMessage message;
            InternetAddress to;
            try {
                to = new InternetAddress(mail.to(), mail.toName(), StandardCharsets.UTF_8.name());
                to.validate();
                message = message(mail, to);
            } catch (MessagingException | java.io.UnsupportedEncodingException e) {
                return new Outcome.Refused("not a usable address or mail: " + e.getMessage(), true);
            }
            try {
                transport.sendMessage(message, new Address[] {to});
                return new Outcome.Sent();
            } catch (SendFailedException e) {
                return answer(e);
            } catch (MessagingException e) {
                if (transport instanceof SMTPTransport smtp && smtp.isConnected()) {
                    int code = smtp.getLastReturnCode();
                    if (code >= 400 && code < 500) {
                        return new Outcome.TryLater(code + " " + smtp.getLastServerResponse());
                    }
                    if (code >= 500) {
                        return new Outcome.Refused(code + " " + smtp.getLastServerResponse(), false);
                    }
                }
                throw new Unavailable(reason(e), e);
            }
        }

        @Override
        public void close() {
            try {
                transport.close();
            } catch (MessagingException e) {
                // closing a broken connection: nothing left to do
            }
        }
    }

    /**
     * The server's answer to one mail, from the failure Angus reports. A failure with no reply
     * code is put off like a 4xx, counting an attempt: releasing it as the connection's failure
     * instead would let a mail that always breaks the connection come first in every batch and
     * stall the queue for good, since a release counts no attempt.
     */
    static Outcome answer(SendFailedException e) {
        for (Exception next = e;
                next != null;
                next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException a) {
                int code = a.getReturnCode();
                return code >= 500
                        ? new Outcome.Refused(code + " at RCPT: " + a.getMessage(), true)
                        : new Outcome.TryLater(code + " at RCPT: " + a.getMessage());
            }
            if (next instanceof SMTPSendFailedException s) {
                int code = s.getReturnCode();
                return code >= 500
                        ? new Outcome.Refused(code + ": " + s.getMessage(), false)
                        : new Outcome.TryLater(code + ": " + s.getMessage());
            }
        }
        return new Outcome.TryLater("no reply code: " + e.getMessage());
    }

    private MimeMessage message(OutgoingMail mail, InternetAddress to) throws MessagingException {
        String messageId = mail.messageId();
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        m.setFrom(from);
        m.setRecipient(Message.RecipientType.TO, to);
        m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        m.setSentDate(Date.from(clock.instant()));
        if (mail.unsubscribe() != null) {
            m.setHeader("List-Unsubscribe", "<" + mail.unsubscribe() + ">");
            m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            m.setHeader("Precedence", "bulk");
            m.setHeader("Auto-Submitted", "auto-generated");
        }
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), StandardCharsets.UTF_8.name());
        MimeMultipart body;
        if (mail.html() != null) {
            MimeBodyPart html = new MimeBodyPart();
            html.setText(mail.html(), StandardCharsets.UTF_8.name(), "html");
            body = new MimeMultipart("alternative", text, html);
        } else {
            body = null;
        }
        if (mail.calendar() != null) {
            MimeBodyPart calendar = new MimeBodyPart();
            calendar.setDataHandler(new DataHandler(new ByteArrayDataSource(
                    mail.calendar().getBytes(StandardCharsets.UTF_8), "text/calendar; charset=UTF-8; method=PUBLISH")));
            calendar.setFileName("invite.ics");
            MimeMultipart mixed = new MimeMultipart("mixed");
            if (body != null) {
                MimeBodyPart alternative = new MimeBodyPart();
                alternative.setContent(body);
                mixed.addBodyPart(alternative);
            } else {
                mixed.addBodyPart(text);
            }
            mixed.addBodyPart(calendar);
            m.setContent(mixed);
        } else if (body != null) {
            m.setContent(body);
        } else {
            m.setText(mail.text(), StandardCharsets.UTF_8.name());
        }
        m.saveChanges();
        return dkim.isPresent() ? new DkimMessage(m, dkim.get()) : m;
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private static String reason(MessagingException e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + cause.getMessage() + ")";
    }

    @Override
    public String toString() {
        return "SMTP " + config;
    }
}
