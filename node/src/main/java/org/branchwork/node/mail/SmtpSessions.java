package org.branchwork.node.mail;

import java.util.Properties;

import jakarta.mail.Authenticator;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;

import org.branchwork.node.config.MailConfig;

/** The Jakarta Mail session both SMTP adapters use: server, protection, login, timeouts and return path. */
final class SmtpSessions {

    private SmtpSessions() {}

    static Session session(MailConfig config) {
        Properties p = new Properties();
        String protocol = config.security() == MailConfig.Security.TLS ? "smtps" : "smtp";
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", config.host());
        p.put("mail." + protocol + ".port", String.valueOf(config.port()));
        p.put("mail." + protocol + ".connectiontimeout", "10000");
        p.put("mail." + protocol + ".timeout", "20000");
        // No write timeout: Angus implements it with a scheduled task per write, which halved the
        // queue's rate; a server that stops reading is caught by the read timeout on its next answer.
        // The envelope sender: where bounces go (the From address unless the operator names another).
        p.put(
                "mail." + protocol + ".from",
                address(config.returnPath().orElse(config.from())).getAddress());
        if (config.security() == MailConfig.Security.STARTTLS) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if (config.security() != MailConfig.Security.NONE) {
            p.put("mail." + protocol + ".ssl.checkserveridentity", "true");
        }
        Authenticator auth = null;
        if (config.username().isPresent()) {
            p.put("mail." + protocol + ".auth", "true");
            String user = config.username().get();
            String password = config.password().orElse("");
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            };
        }
        return Session.getInstance(p, auth);
    }

    static InternetAddress address(String address) {
        try {
            return new InternetAddress(address, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Not a mail address: " + address, e);
        }
    }
}
