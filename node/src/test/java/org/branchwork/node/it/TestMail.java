package org.branchwork.node.it;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP server in the test's process (GreenMail) that the node sends its mail to. */
final class TestMail implements AutoCloseable {

    private static final Pattern LINK =
            Pattern.compile("(http://\\S+/(?:join/confirm|password-reset/new)\\?token=\\S+)");

    private final GreenMail smtp;

    TestMail() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
    }

    /** The node's settings for sending here. */
    Map<String, String> nodeEnvironment() {
        return Map.of(
                "BRANCHWORK_SMTP_HOST",
                "127.0.0.1",
                "BRANCHWORK_SMTP_PORT",
                String.valueOf(smtp.getSmtp().getPort()),
                "BRANCHWORK_SMTP_SECURITY",
                "none",
                "BRANCHWORK_MAIL_FROM",
                "Stockport <branch@stockport.test>");
    }

    /** The newest confirm or reset link mailed to {@code to}, if one has arrived. */
    Optional<String> link(String to) {
        MimeMessage[] received = smtp.getReceivedMessages();
        for (int i = received.length - 1; i >= 0; i--) {
            try {
                if (received[i].getAllRecipients()[0].toString().equalsIgnoreCase(to)) {
                    // Quoted-printable soft line breaks and '=' escapes would split the link.
                    Matcher m = LINK.matcher(GreenMailUtil.getBody(received[i])
                            .replace("=\r\n", "")
                            .replace("=3D", "="));
                    if (m.find()) {
                        return Optional.of(m.group(1));
                    }
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The plain text of the newest mail to {@code to} whose subject contains {@code subject}
     * (the text/plain part of a multipart mail, decoded), if one has arrived.
     */
    Optional<String> text(String to, String subject) {
        MimeMessage[] received = smtp.getReceivedMessages();
        for (int i = received.length - 1; i >= 0; i--) {
            try {
                MimeMessage m = received[i];
                // The recipient may carry a display name: "Jo Lindqvist" <jo@example.org>.
                if (m.getAllRecipients()[0] instanceof jakarta.mail.internet.InternetAddress a
                        && a.getAddress().equalsIgnoreCase(to)
                        && m.getSubject() != null
                        && m.getSubject().contains(subject)) {
                    return plainText(m);
                }
            } catch (MessagingException | java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return Optional.empty();
    }

    private static Optional<String> plainText(jakarta.mail.Part part) throws MessagingException, java.io.IOException {
        if (part.isMimeType("text/plain")) {
            return Optional.of((String) part.getContent());
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                Optional<String> text = plainText(multi.getBodyPart(i));
                if (text.isPresent()) {
                    return text;
                }
            }
        }
        return Optional.empty();
    }

    /** Every mail received so far, oldest first. */
    MimeMessage[] received() {
        return smtp.getReceivedMessages();
    }

    /** The mails that reached {@code to}, oldest first. */
    java.util.List<MimeMessage> to(String to) {
        return java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0]
                                .toString()
                                .toLowerCase(java.util.Locale.ROOT)
                                .contains(to.toLowerCase(java.util.Locale.ROOT));
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** How many mails have reached {@code to}. */
    long count(String to) {
        return java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getAllRecipients()[0].toString().equalsIgnoreCase(to);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .count();
    }

    /** Waits up to 5 s for a link mailed to {@code to}. */
    String awaitLink(String to) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<String> link = link(to);
            if (link.isPresent()) {
                return link.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail with a link reached " + to);
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
